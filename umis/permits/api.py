"""Office API of permits, at /api/v1/office/permits/.

Handlers are thin: jurisdiction and auditing live in the selectors, rules in the services.
A permit another department issued answers 404, like one that does not exist. Machine
clients with a ``permits.view`` token may search and read; decisions are taken by
signed-in officers only (an approving officer revokes and cancels).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from umis.accounts.models import User
from umis.accounts.permissions import office_auth
from umis.accounts.roles import perm
from umis.core.errors import PermissionDeniedError
from umis.permits import selectors, services
from umis.permits.models import Permit
from umis.permits.reasons import REASONS
from umis.permits.schemas import (
    PermitDecisionIn,
    PermitDetailOut,
    PermitSearchOut,
    PermitSearchQuery,
)
from umis.permits.selectors import PermitFilters

router = Router(tags=["office: permits"])

REASONS_HELP = (
    " reason_code comes from the action's list ("
    + "; ".join(
        f"{action}: {', '.join(r.code for r in reasons)}" for action, reasons in REASONS.items()
    )
    + "); other needs a reason in words. A stale expected_version answers 409, as does a "
    "permit that is no longer active."
)


def _officer(request: HttpRequest) -> User:
    if not isinstance(request.auth, User):
        raise PermissionDeniedError(_("Decisions on permits are taken by signed-in officers only."))
    return request.auth


@router.get(
    "",
    response=PermitSearchOut,
    auth=office_auth(perm.PERMIT_VIEW),
    summary="Search the permits in my jurisdiction (audited)",
)
def search(request: HttpRequest, filters: Query[PermitSearchQuery]) -> dict:
    wanted = PermitFilters(
        number=filters.number,
        fin=filters.fin,
        name=filters.name,
        status=filters.status,
        permit_type=filters.permit_type,
    )
    result = selectors.permit_search_window_for_staff(
        user=request.auth,
        filters=wanted,
        offset=filters.offset,
        limit=filters.limit,
        request=request,
    )
    return {"count": result.count, "items": result.items}


@router.get(
    "/{number}",
    response=PermitDetailOut,
    auth=office_auth(perm.PERMIT_VIEW),
    summary="One permit with its history (audited read)",
)
def detail(request: HttpRequest, number: str) -> Permit:
    permit = selectors.permit_get_for_staff(user=request.auth, number=number)
    services.permit_view_record(permit=permit, actor=request.auth, request=request)
    return permit


@router.post(
    "/{number}/revoke",
    response=PermitDetailOut,
    auth=office_auth(perm.PERMIT_DECIDE),
    summary="Revoke a permit on a ground of law",
    description="An approving officer's decision." + REASONS_HELP,
)
def revoke(request: HttpRequest, number: str, payload: PermitDecisionIn) -> Permit:
    officer = _officer(request)
    return services.permit_revoke(
        permit=selectors.permit_get_for_staff(user=officer, number=number),
        actor=officer,
        reason_code=payload.reason_code,
        reason=payload.reason,
        expected_version=payload.expected_version,
        request=request,
    )


@router.post(
    "/{number}/cancel",
    response=PermitDetailOut,
    auth=office_auth(perm.PERMIT_DECIDE),
    summary="Cancel a permit",
    description="An approving officer's decision." + REASONS_HELP,
)
def cancel(request: HttpRequest, number: str, payload: PermitDecisionIn) -> Permit:
    officer = _officer(request)
    return services.permit_cancel(
        permit=selectors.permit_get_for_staff(user=officer, number=number),
        actor=officer,
        reason_code=payload.reason_code,
        reason=payload.reason,
        expected_version=payload.expected_version,
        request=request,
    )


@router.post(
    "/{number}/replace",
    response={201: PermitDetailOut},
    auth=office_auth(perm.PERMIT_REPLACE),
    summary="Replace a lost, stolen or damaged permit",
    description=(
        "The permit becomes replaced; the answer is the new permit, with a new number, "
        "pointing to the old one and valid until the same day." + REASONS_HELP
    ),
)
def replace(request: HttpRequest, number: str, payload: PermitDecisionIn) -> Status:
    officer = _officer(request)
    replacement = services.permit_replace(
        permit=selectors.permit_get_for_staff(user=officer, number=number),
        actor=officer,
        reason_code=payload.reason_code,
        reason=payload.reason,
        expected_version=payload.expected_version,
        request=request,
    )
    return Status(201, replacement)
