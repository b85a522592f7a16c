"""Share codes as an API (/api/v1/share-codes).

The check, ``POST /share-codes/check``, is public, for employers', landlords' and banks'
systems: the same rules as the /check/ page (any mismatch answers 404 with one message;
too many checks 429; every check logged for the holder and audited). Listing, making and
revoking codes is for the signed-in holder, with the portal's session and CSRF token.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status

from umis.cases.api_auth import ApplicantSessionAuth
from umis.core.errors import NotFound
from umis.permits import share_selectors as selectors
from umis.permits.share_codes import CODE_MAX
from umis.permits.share_models import ShareCode
from umis.permits.share_services import (
    ORGANISATION_MAX,
    share_code_check,
    share_code_create,
    share_code_revoke,
)
from umis.permits.share_views import not_found_message

router = Router(tags=["share codes"])
_holder = ApplicantSessionAuth()


class ShareCheckIn(Schema):
    code: str = Field(..., min_length=1, max_length=CODE_MAX)
    birth_date: date = Field(..., description="The holder's date of birth")
    organisation: str = Field(
        ..., min_length=1, max_length=ORGANISATION_MAX, description="Shown to the holder"
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"code": "W8G-T4H-RD2", "birth_date": "1988-04-17", "organisation": "Caspian Ltd"}
            ]
        }
    }


class ShareAnswerOut(Schema):
    purpose: str = Field(..., description="right_to_work, right_to_rent or other")
    purpose_label: str
    name: str
    photo: str | None = Field(
        None,
        description=(
            "The holder's photograph as the permit shows it, a data: URI of a JPEG "
            "(300 × 386 pixels); null when the permit has none. Compare it with the person."
        ),
    )
    permit_type: str
    permit_type_label: str
    status: str = Field(..., description="active, expired, cancelled, revoked or replaced")
    status_label: str
    valid_until: date
    condition: str = Field(..., description="right_to_work, right_to_rent, or empty")
    condition_label: str
    condition_met: bool | None = Field(None, description="null when the purpose has none")


class ShareCheckOut(Schema):
    reference: str = Field(..., description="Keep it for your records")
    checked_at: datetime
    answer: ShareAnswerOut

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "reference": "CHK-7KQ4M9XD2T",
                    "checked_at": "2026-11-30T10:15:00+04:00",
                    "answer": {
                        "purpose": "right_to_work",
                        "purpose_label": "Right to work",
                        "name": "ALI MAMMADOV",
                        "photo": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ...",
                        "permit_type": "temporary_residence",
                        "permit_type_label": "Temporary residence permit",
                        "status": "active",
                        "status_label": "Active",
                        "valid_until": "2027-11-29",
                        "condition": "right_to_work",
                        "condition_label": "May work",
                        "condition_met": True,
                    },
                }
            ]
        }
    }


@router.post(
    "/check",
    response=ShareCheckOut,
    auth=None,
    summary="Check a share code",
    description=(
        "The code, the holder's date of birth and the verifier's organisation. Any "
        "mismatch (unknown, expired or revoked code, wrong date of birth) answers 404 with "
        "the same message; too many checks from one address or of one code answer 429. "
        "Every check is in the holder's log and in the audit log (never the code)."
    ),
)
def check(request: HttpRequest, payload: ShareCheckIn) -> object:
    result = share_code_check(
        code=payload.code,
        birth_date=payload.birth_date,
        organisation=payload.organisation,
        request=request,
    )
    if result is None:
        raise NotFound(not_found_message())
    # The busiest public answer: serialised by its schema in one step (the same JSON the
    # framework would write, without its generic per-response work).
    return HttpResponse(
        ShareCheckOut.model_validate(result).model_dump_json(),
        content_type="application/json",
    )


class ShareCodeOut(Schema):
    id: int
    permit_number: str
    purpose: str
    code_ends_with: str
    valid_until: datetime
    revoked_at: datetime | None
    state: str = Field(..., description="active, expired or revoked")
    created_at: datetime


class ShareCodeCreated(ShareCodeOut):
    code: str = Field(..., description="Shown this once only; keep it or give it now")


class ShareCodeIn(Schema):
    permit_number: str = Field(..., min_length=1, max_length=32)
    purpose: str = Field(..., description="right_to_work, right_to_rent or other")
    days: int = Field(..., description="From 1 to 90")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"permit_number": "TRP-2026-0000002", "purpose": "right_to_work", "days": 30}
            ]
        }
    }


class ShareCheckLogOut(Schema):
    at: datetime
    organisation: str
    purpose: str
    outcome: str
    reference: str = Field(..., description="Empty unless the details were shown")
    code_ends_with: str


def _out(share: ShareCode) -> dict:
    return {
        "id": share.pk,
        "permit_number": share.permit.number,
        "purpose": share.purpose,
        "code_ends_with": share.code_hint,
        "valid_until": share.valid_until,
        "revoked_at": share.revoked_at,
        "state": selectors.share_code_state(share),
        "created_at": share.created_at,
    }


@router.get(
    "",
    response=list[ShareCodeOut],
    auth=_holder,
    summary="List my share codes",
)
def list_codes(request: HttpRequest) -> list[dict]:
    return [_out(c) for c in selectors.share_codes_of_holder(request.auth)]


@router.get(
    "/checks",
    response=list[ShareCheckLogOut],
    auth=_holder,
    summary="List the checks of my share codes",
)
def list_checks(request: HttpRequest) -> list[dict]:
    return [
        {
            "at": c.at,
            "organisation": c.organisation,
            "purpose": c.purpose,
            "outcome": c.outcome,
            "reference": c.reference if c.outcome == "shown" else "",
            "code_ends_with": c.code.code_hint,
        }
        for c in selectors.share_checks_of_holder(request.auth)[:500]
    ]


@router.post(
    "",
    response={201: ShareCodeCreated},
    auth=_holder,
    summary="Make a share code",
    description="For one of my permits in force; the code is in this answer only.",
)
def create(request: HttpRequest, payload: ShareCodeIn) -> Status:
    permit = selectors.permit_of_portal_user(request.auth, payload.permit_number)
    if permit is None:
        raise Http404
    share, code = share_code_create(
        holder=request.auth,
        permit=permit,
        purpose=payload.purpose,
        days=payload.days,
        request=request,
    )
    return Status(201, {**_out(share), "code": code})


@router.post(
    "/{int:share_id}/revoke",
    response=ShareCodeOut,
    auth=_holder,
    summary="Revoke a share code",
)
def revoke(request: HttpRequest, share_id: int) -> dict:
    share = selectors.share_code_of_holder(request.auth, share_id)
    if share is None:
        raise Http404
    return _out(share_code_revoke(holder=request.auth, share_code=share, request=request))
