"""The share-code pages: the holder's "Prove your status" (signed in) and the verifier's
public check (/check/, no account)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from umis.core.errors import DomainError
from umis.permits import share_selectors as selectors
from umis.permits.share_forms import ShareCheckForm, ShareCodeCreateForm
from umis.permits.share_services import (
    TooManyChecks,
    share_code_check,
    share_code_create,
    share_code_revoke,
)
from umis.permits.states import PermitStatus
from umis.permits.types import PermitType
from umis.portal.access import portal_user_required


def _permit_choices(request: HttpRequest) -> list[tuple[str, str]]:
    return [
        (p.number, f"{PermitType(p.permit_type).label} {p.number}")
        for p in selectors.active_permits_of_portal_user(request.user)
    ]


@never_cache
@require_http_methods(["GET", "POST"])
@portal_user_required
def prove(request: HttpRequest) -> HttpResponse:
    """The holder's permits, their share codes, a form for a new one, and the log of checks.
    A new code is shown in the answer to the POST, once, and never again."""
    choices = _permit_choices(request)
    form = ShareCodeCreateForm(
        data=request.POST if request.method == "POST" else None, permits=choices
    )
    new_code, status = "", 200
    if request.method == "POST" and form.is_valid():
        permit = selectors.permit_of_portal_user(request.user, form.cleaned_data["permit"])
        if permit is None:
            raise Http404
        try:
            _share, new_code = share_code_create(
                holder=request.user,
                permit=permit,
                purpose=form.cleaned_data["purpose"],
                days=form.cleaned_data["days"],
                request=request,
            )
        except DomainError as exc:
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, message)
            if not exc.fields:
                form.add_error(None, exc.message)
            status = exc.status if exc.status != 404 else 400
        else:
            form = ShareCodeCreateForm(permits=choices)
    codes = [
        {"code": c, "state": selectors.share_code_state(c)}
        for c in selectors.share_codes_of_holder(request.user)
    ]
    context = {
        "form": form,
        "new_code": new_code,
        "permits": selectors.permits_of_portal_user(request.user),
        "codes": codes,
        "checks": selectors.share_checks_of_holder(request.user)[:100],
        "active": PermitStatus.ACTIVE,
    }
    return render(request, "permits/prove.html", context, status=status)


@require_POST
@portal_user_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    share = selectors.share_code_of_holder(request.user, pk)
    if share is None:
        raise Http404
    share_code_revoke(holder=request.user, share_code=share, request=request)
    messages.success(
        request, _("The code ending in %(hint)s no longer works.") % {"hint": share.code_hint}
    )
    return HttpResponseRedirect(reverse("permits_share:prove"))


def not_found_message() -> str:
    return _(
        "We could not find a share code with these details. Check the code and the date of "
        "birth with the person, and try again. A code also stops working when it expires or "
        "when the person revokes it."
    )


@sensitive_post_parameters("code", "birth_date")
@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    form = ShareCheckForm(data=request.POST if request.method == "POST" else None)
    result, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            result = share_code_check(
                code=form.cleaned_data["code"],
                birth_date=form.cleaned_data["birth_date"],
                organisation=form.cleaned_data["organisation"],
                request=request,
            )
        except TooManyChecks as exc:
            form.add_error(None, exc.message)
            status = 429
        else:
            if result is None:
                form.add_error("code", not_found_message())
    return render(request, "permits/check.html", {"form": form, "result": result}, status=status)
