"""Office pages for permits: the search, one permit with its history, and the decisions.

Views are thin: they read the form, call one service and show the result. Every page that
shows a holder is audited (the search lists who was shown; the permit page and the
decision pages are reads of the holder's file). A decision refused by the service
(someone else acted first, a missing reason) comes back as the same page with the permit
as it is now, the message on top and what the officer typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.core.errors import DomainError
from umis.eservices import registry
from umis.permits import services
from umis.permits.forms import PermitDecisionForm, PermitSearchForm
from umis.permits.models import Permit
from umis.permits.photos import permit_photo, photo_data_uri
from umis.permits.reasons import reason_label
from umis.permits.selectors import (
    permit_get_for_staff,
    permit_history,
    permit_search_page_for_staff,
)
from umis.permits.states import ACTIONS, SYSTEM, PermitStatus, event_label

# The decisions an officer takes on a permit, in the order the page offers them.
DECISIONS = ("replace", "cancel", "revoke")
DONE = {
    "revoke": gettext_lazy("The permit %(number)s is revoked."),
    "cancel": gettext_lazy("The permit %(number)s is cancelled."),
    "replace": gettext_lazy("The permit %(number)s is issued in place of %(old)s."),
}


@require_GET
@never_cache
@requires(perm.PERMIT_VIEW)
def search(request: HttpRequest) -> HttpResponse:
    form = PermitSearchForm(request.GET)
    page = None
    if form.is_valid():
        page = permit_search_page_for_staff(
            user=request.user,
            filters=form.filters(),
            page=request.GET.get("page", 1),
            request=request,
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "permits/search.html",
        {"form": form, "page": page, "querystring": params.urlencode()},
    )


def decisions_for(permit: Permit, user: Any) -> list[dict[str, Any]]:
    """The decisions this officer may take on this permit now (the ones that would succeed)."""
    out = []
    for name in DECISIONS:
        action = ACTIONS[name]
        if action.allowed == SYSTEM or permit.status not in action.sources:
            continue
        if user.has_perm(action.allowed):
            out.append({"name": name, "label": action.label})
    return out


def _history(permit: Permit) -> list[dict[str, Any]]:
    return [
        {
            "event": event,
            "label": event_label(event.action),
            "reason": reason_label(
                "replace" if event.action == "issue_replacement" else event.action,
                event.reason_code,
            )
            if event.reason_code
            else "",
            "related": (event.details or {}).get("replacement")
            or (event.details or {}).get("replaces")
            or "",
        }
        for event in permit_history(permit=permit)
    ]


def _replaced_by(permit: Permit) -> Permit | None:
    try:
        return permit.replaced_by
    except Permit.DoesNotExist:
        return None


@require_GET
@never_cache
@requires(perm.PERMIT_VIEW)
def detail(request: HttpRequest, number: str) -> HttpResponse:
    permit = permit_get_for_staff(user=request.user, number=number)
    services.permit_view_record(permit=permit, actor=request.user, request=request)
    context = {
        "permit": permit,
        "service_name": registry.name_of(permit.application.service_code),
        "replaced_by": _replaced_by(permit),
        "history": _history(permit),
        "decisions": decisions_for(permit, request.user),
        "may_reprint": permit.status == PermitStatus.ACTIVE
        and request.user.has_perm(perm.PERMIT_REPLACE),
        "photo": photo_data_uri(permit_photo(permit.pk)),
    }
    return render(request, "permits/detail.html", context)


def _render_decision(
    request: HttpRequest,
    permit: Permit,
    name: str,
    form: PermitDecisionForm,
    *,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    services.permit_view_record(permit=permit, actor=request.user, request=request)
    context = {
        "permit": permit,
        "action": ACTIONS[name],
        "possible": permit.status in ACTIONS[name].sources,
        "name": name,
        "form": form,
        "error": error,
        "service_name": registry.name_of(permit.application.service_code),
    }
    return render(request, "permits/decide.html", context, status=status)


def _act(name: str, permit: Permit, request: HttpRequest, data: dict[str, Any]) -> Permit:
    call = {
        "revoke": services.permit_revoke,
        "cancel": services.permit_cancel,
        "replace": services.permit_replace,
    }[name]
    return call(
        permit=permit,
        actor=request.user,
        reason_code=data["reason_code"],
        reason=data["reason"],
        expected_version=data["expected_version"],
        request=request,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@requires(perm.PERMIT_VIEW)
def decide(request: HttpRequest, number: str, name: str) -> HttpResponse:
    if name not in DECISIONS:
        raise Http404
    # Another region's permit is not found, whatever the officer's rights.
    permit = permit_get_for_staff(user=request.user, number=number)
    if not request.user.has_perm(ACTIONS[name].allowed):
        raise PermissionDenied
    if request.method == "GET":
        form = PermitDecisionForm(action=name, initial={"expected_version": permit.version})
        return _render_decision(request, permit, name, form)
    form = PermitDecisionForm(request.POST, action=name)
    if not form.is_valid():
        return _render_decision(request, permit, name, form, status=422)
    try:
        result = _act(name, permit, request, form.cleaned_data)
    except DomainError as exc:
        current = permit_get_for_staff(user=request.user, number=number)
        if exc.fields:  # what was typed needs changing: the errors beside the fields
            data = request.POST.copy()
            data["expected_version"] = str(current.version)
            form = PermitDecisionForm(data, action=name)
            form.is_valid()
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, message)
        else:  # the permit changed meanwhile: decide again on it as it is now
            typed = {**form.cleaned_data, "expected_version": current.version, "confirm": False}
            form = PermitDecisionForm(action=name, initial=typed)
        return _render_decision(request, current, name, form, status=exc.status, error=exc.message)
    old = permit.number
    messages.success(request, DONE[name] % {"number": result.number, "old": old})
    return redirect("office:permits:detail", number=result.number)
