"""Applying on the portal: start a draft, one page per step, check the answers, send.

Every page saves what was typed, valid or not, so nothing is lost; "Save and continue"
moves on only when this page's answers pass the service's rules. The access code made at
submission is kept in the session just long enough to be shown once.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from umis.cases import intake, selectors
from umis.cases.models import Application
from umis.cases.states import Status
from umis.core.errors import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from umis.eservices import registry
from umis.eservices.base import EService, FormStep
from umis.portal.access import portal_user_required
from umis.portal.answers import answers_by_step, step_title
from umis.portal.next_steps import what_happens_next
from umis.portal.schema_forms import (
    form_errors,
    posted_values,
    step_errors,
    step_form,
    step_of,
)

CODES_KEY = "umis_access_codes"


def _service_or_404(code: str) -> EService:
    try:
        return registry.get(code)
    except NotFound:
        raise Http404 from None


def _own(request: HttpRequest, number: str) -> Application:
    return get_object_or_404(
        selectors.applications_of_applicant(request.user), number=number.strip().upper()
    )


def _step_url(application: Application, step: FormStep) -> str:
    return reverse("portal:apply_step", args=[application.number, step.slug])


@never_cache
@require_http_methods(["GET", "POST"])
@portal_user_required
def start(request: HttpRequest, service: str) -> HttpResponse:
    declared = _service_or_404(service)
    refusal = ""
    if request.user.role not in declared.applicant_roles:
        refusal = _("Your account cannot apply for this service.")
    elif request.method == "POST":
        draft = intake.application_draft_start(
            applicant=request.user, service_code=declared.code, request=request
        )
        return HttpResponseRedirect(_step_url(draft, declared.form.form_steps()[0]))
    context = {"service": declared, "refusal": refusal, "steps": declared.form.form_steps()}
    return render(request, "portal/apply_start.html", context, status=403 if refusal else 200)


def _draft_and_service(request: HttpRequest, number: str) -> tuple[Application, EService]:
    application = _own(request, number)
    return application, _service_or_404(application.service_code)


def _steps_context(service: EService, current: str) -> dict:
    steps = service.form.form_steps()
    slugs = [s.slug for s in steps]
    index = slugs.index(current) if current in slugs else len(steps)
    return {"steps": steps, "step_index": index, "step_count": len(steps) + 1}


@never_cache
@require_http_methods(["GET", "POST"])
@portal_user_required
def step(request: HttpRequest, number: str, step: str) -> HttpResponse:
    application, service = _draft_and_service(request, number)
    if application.status != Status.DRAFT:
        return HttpResponseRedirect(reverse("portal:application", args=[application.number]))
    steps = service.form.form_steps()
    current = next((s for s in steps if s.slug == step), None)
    if current is None:
        raise Http404
    if request.method == "GET":
        form = step_form(service, current, values=application.form_data)
    else:
        values = posted_values(current, request.POST)
        try:
            application = intake.application_draft_save(
                application=application, actor=request.user, form_data=values, request=request
            )
        except Conflict:
            # Sent meanwhile from another tab: its answers can no longer change.
            return HttpResponseRedirect(reverse("portal:application", args=[application.number]))
        if "save_and_exit" in request.POST:
            messages.success(
                request,
                _("Your answers are saved. Continue from “My applications” when you are ready."),
            )
            return HttpResponseRedirect(reverse("portal:applications"))
        errors = step_errors(service, current, application.form_data)
        if not errors:
            later = steps[steps.index(current) + 1 :]
            # A change made from "check your answers" goes straight back there.
            if later and request.POST.get("from") != "check":
                return HttpResponseRedirect(_step_url(application, later[0]))
            return HttpResponseRedirect(reverse("portal:apply_check", args=[application.number]))
        form = step_form(service, current, values=values, bound=True)
        form.show_errors(errors)
    context = {
        "application": application,
        "service": service,
        "step": current,
        "title": step_title(service, current, request.user.role),
        "form": form,
        "previous": steps[steps.index(current) - 1] if steps.index(current) else None,
        "from_check": request.POST.get("from", request.GET.get("from")) == "check",
        **_steps_context(service, current.slug),
    }
    return render(request, "portal/apply_step.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@portal_user_required
def check(request: HttpRequest, number: str) -> HttpResponse:
    application, service = _draft_and_service(request, number)
    if application.status != Status.DRAFT:
        return HttpResponseRedirect(reverse("portal:apply_sent", args=[application.number]))
    problem = ""
    if request.method == "POST":
        try:
            application, code = intake.application_draft_submit(
                application=application, actor=request.user, request=request
            )
        except Conflict:
            # Sent already (a second click): the first submission stands.
            return HttpResponseRedirect(reverse("portal:apply_sent", args=[application.number]))
        except PermissionDeniedError as exc:
            problem = exc.message
        except ValidationFailed:
            pass  # the page lists the problems, read from the draft below
        else:
            request.session.setdefault(CODES_KEY, {})[application.number] = code
            request.session.modified = True
            return HttpResponseRedirect(reverse("portal:apply_sent", args=[application.number]))
    errors = form_errors(service, application.form_data)
    context = {
        "application": application,
        "service": service,
        "sections": answers_by_step(service, application.form_data, request.user.role),
        "errors": [
            {"message": message, "url": _step_url(application, step_of(service, name))}
            for name, message in errors.items()
        ],
        "error_fields": set(errors),
        "problem": problem,
        **_steps_context(service, "check"),
    }
    return render(request, "portal/apply_check.html", context, status=403 if problem else 200)


@never_cache
@portal_user_required
def sent(request: HttpRequest, number: str) -> HttpResponse:
    application, service = _draft_and_service(request, number)
    if application.status == Status.DRAFT:
        return HttpResponseRedirect(reverse("portal:apply_check", args=[application.number]))
    codes = request.session.get(CODES_KEY, {})
    code = codes.pop(application.number, None)  # shown once
    request.session.modified = True
    context = {
        "application": application,
        "service": service,
        "access_code": code,
        "next": what_happens_next(service, application),
    }
    return render(request, "portal/apply_sent.html", context)
