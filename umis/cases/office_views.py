"""Office pages for applications: the queues and one application with its decision panel.

Views are thin: they read the form, call one service and show the result. Every opening
of a list or of an application is audited by the selector or service it calls. A refusal
by a service (someone else acted first, four eyes, a missing reason) comes back as the
page again, in its current state, with the message and what the officer typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.cases import office_page, panel, services
from umis.cases.assignment import (
    application_assign,
    assignable_officers,
    may_take,
    officers_in_reach,
)
from umis.cases.models import Application
from umis.cases.office_forms import AssignForm, DecisionForm, DocumentsRequestForm, QueueFilterForm
from umis.cases.queues import (
    DEFAULT_QUEUE,
    QUEUES,
    deadline_state,
    due_soon_until,
    queue_page_for_staff,
    service_today,
)
from umis.cases.reasons import ground_label, refusal_grounds_for
from umis.cases.selectors import application_get_for_staff, application_history
from umis.cases.states import FLAG_STATES, OPEN, TRANSITIONS, Flag
from umis.core.errors import DomainError
from umis.permits.selectors import permits_of_application

# Any of these opens the applications pages; each action then checks its own right.
CASEWORK = (perm.CASE_ACCEPT, perm.CASE_REVIEW, perm.CASE_APPROVE, perm.CASE_ISSUE)
DOCUMENTS_TEMPLATE = "cases/_documents_office.html"


def casework(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not any(request.user.has_perm(p) for p in CASEWORK):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return requires(perm.OFFICE_ACCESS)(wrapped)


# --- the queues ------------------------------------------------------------------------


@require_GET
@never_cache
@casework
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    name = request.GET.get("queue", DEFAULT_QUEUE)
    name = name if name in QUEUES else DEFAULT_QUEUE
    officers = list(officers_in_reach(user))
    form = QueueFilterForm(request.GET, user=user, officers=officers)
    result = None
    if form.is_valid():
        result = queue_page_for_staff(
            user=user,
            queue=name,
            filters=form.filters(),
            page_number=request.GET.get("page", 1),
            request=request,
        )
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("queue", None)
    filters_qs = params.urlencode()
    tabs = [
        {
            "key": key,
            "label": label,
            "count": result.counts[key] if result else None,
            "current": key == name,
            "query": f"queue={key}" + (f"&{filters_qs}" if filters_qs else ""),
        }
        for key, label in QUEUES.items()
    ]
    return render(
        request,
        "office/applications/queue.html",
        {
            "form": form,
            "result": result,
            "tabs": tabs,
            "queue": name,
            "queue_label": QUEUES[name],
            "pager_query": f"queue={name}" + (f"&{filters_qs}" if filters_qs else ""),
            "filters_open": any(v for k, v in params.items() if k != "q"),
            # Heads assign from the list too; the service checks each officer's reach.
            "assign_officers": officers if user.has_perm(perm.CASE_ASSIGN) else None,
        },
    )


# --- one application -------------------------------------------------------------------


def _decision_form(application: Application, name: str) -> DecisionForm:
    initial: dict[str, Any] = {"expected_version": application.version}
    if name == "refuse":  # the approver starts from the grounds the proposer cited
        initial["grounds"] = office_page.proposed_grounds(application)
    return DecisionForm(prefix=name, initial=initial, **_form_kwargs(application, name))


def _documents_form(application: Application) -> DocumentsRequestForm:
    return DocumentsRequestForm(
        prefix="documents",
        initial={"expected_version": application.version},
        **_form_kwargs(application, "documents"),
    )


def _assign_form(application: Application) -> AssignForm:
    return AssignForm(
        prefix="assign",
        initial={"expected_version": application.version, "assignee": application.assigned_to_id},
        **_form_kwargs(application, "assign"),
    )


def _documents_template() -> str | None:
    try:
        get_template(DOCUMENTS_TEMPLATE)
    except TemplateDoesNotExist:  # the documents pages are not deployed (yet)
        return None
    return DOCUMENTS_TEMPLATE


def _render_detail(
    request: HttpRequest,
    application: Application,
    *,
    status: int = 200,
    error: str = "",
    bound: tuple[str, Any] | None = None,
    typed_text: str = "",
) -> HttpResponse:
    """The application page; ``bound`` = (which form, the form as the officer sent it)."""
    user = request.user
    services.application_view_record(application=application, actor=user, request=request)
    bound_name, bound_form = bound or ("", None)
    actions = [
        (
            action,
            bound_form if bound_name == action.name else _decision_form(application, action.name),
        )
        for action in panel.actions_for(application, user)
    ]
    flag_open = application.status in FLAG_STATES[Flag.DOCUMENTS_REQUESTED]
    can_flag = user.has_perm(perm.CASE_REVIEW) and flag_open
    requested = Flag.DOCUMENTS_REQUESTED in application.flags
    documents_form = None
    if can_flag and not requested:
        documents_form = bound_form if bound_name == "documents" else _documents_form(application)
    assign_form = None
    if user.has_perm(perm.CASE_ASSIGN) and application.status in OPEN:
        assign_form = bound_form if bound_name == "assign" else _assign_form(application)
    today = service_today()
    service = office_page.service_of(application)
    documents_template = _documents_template()
    context = {
        "application": application,
        "service": service,
        "sections": office_page.form_sections(application, service),
        "flags": [Flag(f).label for f in application.flags if f in Flag.values],
        "deadline": deadline_state(application, today=today, soon=due_soon_until(today)),
        "history": [
            {"event": e, "label": office_page.event_label(e), "note": office_page.event_note(e)}
            for e in application_history(application=application)
        ],
        "actions": actions,
        "waits_for_another_approver": panel.waits_for_another_approver(application, user),
        "documents_form": documents_form,
        "documents_requested": can_flag and requested,
        "assign_form": assign_form,
        "may_take": may_take(user, application),
        "error": error,
        "error_form": bound_form if bound_form is not None and bound_form.errors else None,
        "typed_text": typed_text,
        "checks": office_page._checks_for(application),
        "screening_hits": office_page._screening_for(application),
        "documents_template": documents_template,
        "decision_reasons": application.decision_reasons,
        "permits": permits_of_application(application),
    }
    if documents_template:
        context["documents"] = office_page._documents_for(application) or []
    return render(request, "office/applications/detail.html", context, status=status)


@require_GET
@never_cache
@casework
def detail(request: HttpRequest, number: str) -> HttpResponse:
    application = application_get_for_staff(user=request.user, number=number)
    return _render_detail(request, application)


def _refused(
    request: HttpRequest, number: str, exc: DomainError, name: str, form: Any, typed: str
) -> HttpResponse:
    """The page in its current state, the service's message on top, the input kept."""
    current = application_get_for_staff(user=request.user, number=number)
    if form is not None and form.is_bound:
        data = form.data.copy()
        # The officer has now seen the current state: a second try is a decision on it.
        data[form.add_prefix("expected_version")] = str(current.version)
        form = type(form)(data, prefix=form.prefix, **_form_kwargs(current, name))
        form.is_valid()
        for field, message in exc.fields.items():
            form.add_error(field if field in form.fields else None, message)
    return _render_detail(
        request,
        current,
        status=exc.status,
        error=exc.message,
        bound=(name, form) if form is not None else None,
        typed_text=typed,
    )


def _form_kwargs(application: Application, name: str) -> dict[str, Any]:
    if name == "documents":
        service = office_page.service_of(application)
        return {"kinds": [(d.kind, d.label) for d in service.documents] if service else []}
    if name == "assign":
        return {"officers": assignable_officers(application)}
    t = TRANSITIONS[name]
    grounds = None
    if name in panel.REFUSALS:
        grounds = [(g.code, g.label) for g in refusal_grounds_for(application.service_code)]
    return {"reason_required": t.reason_required, "grounds": grounds}


@require_POST
@never_cache
@casework
def act(request: HttpRequest, number: str) -> HttpResponse:
    application = application_get_for_staff(user=request.user, number=number)
    name = request.POST.get("transition", "")
    t = TRANSITIONS.get(name)
    if t is None or t.allowed == "applicant":
        messages.error(request, _("Unknown action."))
        return redirect("office:applications:detail", number=application.number)
    form = DecisionForm(request.POST, prefix=name, **_form_kwargs(application, name))
    if not form.is_valid():
        return _render_detail(request, application, status=422, bound=(name, form))
    grounds = form.cleaned_data["grounds"]
    reason = form.cleaned_data["reason"].strip() or "; ".join(ground_label(g) for g in grounds)
    try:
        services.application_transition(
            application=application,
            transition=name,
            actor=request.user,
            expected_version=form.cleaned_data["expected_version"],
            reason=reason,
            details={"grounds": grounds} if grounds else None,
            request=request,
        )
    except DomainError as exc:
        return _refused(request, number, exc, name, form, form.cleaned_data["reason"])
    messages.success(request, _("Done: “%(action)s”.") % {"action": t.label})
    return redirect("office:applications:detail", number=application.number)


@require_POST
@never_cache
@casework
def request_documents(request: HttpRequest, number: str) -> HttpResponse:
    application = application_get_for_staff(user=request.user, number=number)
    form = DocumentsRequestForm(
        request.POST, prefix="documents", **_form_kwargs(application, "documents")
    )
    if not form.is_valid():
        return _render_detail(request, application, status=422, bound=("documents", form))
    try:
        services.application_flag_set(
            application=application,
            flag=Flag.DOCUMENTS_REQUESTED,
            actor=request.user,
            expected_version=form.cleaned_data["expected_version"],
            reason=form.needed(),
            request=request,
        )
    except DomainError as exc:
        return _refused(request, number, exc, "documents", form, form.cleaned_data["other"])
    messages.success(request, _("The applicant is asked for the documents."))
    return redirect("office:applications:detail", number=application.number)


@require_POST
@never_cache
@casework
def documents_received(request: HttpRequest, number: str) -> HttpResponse:
    application = application_get_for_staff(user=request.user, number=number)
    try:
        services.application_flag_clear(
            application=application,
            flag=Flag.DOCUMENTS_REQUESTED,
            actor=request.user,
            expected_version=_version(request),
            request=request,
        )
    except DomainError as exc:
        return _refused(request, number, exc, "", None, "")
    messages.success(request, _("The request for documents is closed."))
    return redirect("office:applications:detail", number=application.number)


def _version(request: HttpRequest) -> int:
    """The version a plain button was shown with; none or garbage never matches (a conflict)."""
    try:
        return int(request.POST.get("expected_version", ""))
    except ValueError:
        return 0


@require_POST
@never_cache
@casework
def assign(request: HttpRequest, number: str) -> HttpResponse:
    application = application_get_for_staff(user=request.user, number=number)
    form = None
    if "take" in request.POST:
        assignee, version = request.user, _version(request)
    else:
        form = AssignForm(request.POST, prefix="assign", **_form_kwargs(application, "assign"))
        if not form.is_valid():
            return _render_detail(request, application, status=422, bound=("assign", form))
        assignee, version = form.cleaned_data["assignee"], form.cleaned_data["expected_version"]
    try:
        application_assign(
            application=application,
            assignee=assignee,
            actor=request.user,
            expected_version=version,
            request=request,
        )
    except DomainError as exc:
        return _refused(request, number, exc, "assign" if form else "", form, "")
    messages.success(
        request,
        _("The application %(number)s is assigned to %(name)s.")
        % {
            "number": application.number,
            "name": assignee.get_full_name() or assignee.get_username(),
        },
    )
    back = request.POST.get("next", "")
    if back.startswith(reverse("office:applications:queue")) and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        return redirect(back)  # assigned from the queue: back to the same list
    return redirect("office:applications:detail", number=application.number)
