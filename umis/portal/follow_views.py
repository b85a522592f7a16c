"""Following one's applications: the list, the status page with its history, withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from umis.cases import selectors
from umis.cases.confirmation import registration_confirmation
from umis.cases.models import Application
from umis.cases.services import application_transition
from umis.cases.states import TRANSITIONS, Status
from umis.core.errors import Conflict
from umis.eservices import registry
from umis.notifications.messages import next_step_for
from umis.permits.selectors import permits_of_application
from umis.portal.access import portal_user_required
from umis.portal.history import applicant_flags, applicant_history, next_step_of_draft


def _own(request: HttpRequest, number: str) -> Application:
    return get_object_or_404(
        selectors.applications_of_applicant(request.user), number=number.strip().upper()
    )


def may_withdraw(application: Application) -> bool:
    return application.status in TRANSITIONS["withdraw"].sources


@never_cache
@portal_user_required
def applications(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "application": a,
            "service": registry.name_of(a.service_code),
            "status": Status(a.status).label,
            "continue_url": next_step_of_draft(a) if a.status == Status.DRAFT else "",
        }
        for a in selectors.applications_of_applicant(request.user)
    ]
    return render(request, "portal/applications.html", {"rows": rows})


@never_cache
@portal_user_required
def detail(request: HttpRequest, number: str) -> HttpResponse:
    application = _own(request, number)
    if application.status == Status.DRAFT:
        return HttpResponseRedirect(next_step_of_draft(application))
    context = {
        "application": application,
        "service": registry.name_of(application.service_code),
        "status": Status(application.status).label,
        "next_step": next_step_for(application, application.status),
        "history": applicant_history(application),
        "flags": applicant_flags(application),
        "may_withdraw": may_withdraw(application),
        "show_reasons": application.status in {Status.REFUSED, Status.RETURNED},
        "confirmation_url": (
            reverse("confirmation:registration", args=[application.number])
            if registration_confirmation(application) is not None
            else ""
        ),
        "permits": permits_of_application(application),
    }
    return render(request, "portal/application.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@portal_user_required
def withdraw(request: HttpRequest, number: str) -> HttpResponse:
    application = _own(request, number)
    page = reverse("portal:application", args=[application.number])
    if not may_withdraw(application):
        messages.error(request, _("This application can no longer be withdrawn."))
        return HttpResponseRedirect(page)
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            application_transition(
                application=application,
                transition="withdraw",
                actor=request.user,
                expected_version=version,
                request=request,
            )
        except Conflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your application is withdrawn."))
        return HttpResponseRedirect(page)
    context = {"application": application, "service": registry.name_of(application.service_code)}
    return render(request, "portal/withdraw.html", context)
