"""The public status check as an API: POST /api/v1/status.

The details travel in a JSON body, not in the query string, so that access codes never
land in access logs. Any mismatch answers 404 with one message, whatever did not match.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from umis.core.errors import NotFound
from umis.portal.status_check import CODE_MAX, NUMBER_MAX, PublicStatus, application_status_lookup

router = Router(tags=["status check"])


class StatusCheckIn(Schema):
    number: str = Field(..., min_length=1, max_length=NUMBER_MAX)
    access_code: str = Field(..., min_length=1, max_length=CODE_MAX)
    birth_date: date = Field(..., description="The date of birth of the person concerned")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "number": "UMIS-2026-7KQ4M9XD",
                    "access_code": "K3M9QX2T",
                    "birth_date": "1988-04-17",
                }
            ]
        }
    }


class StatusCheckOut(Schema):
    number: str
    status: str
    status_label: str
    submitted_at: datetime | None
    accepted_at: datetime | None
    due_date: date | None
    decided_at: datetime | None

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "number": "UMIS-2026-7KQ4M9XD",
                    "status": "accepted",
                    "status_label": "Accepted",
                    "submitted_at": "2026-05-04T09:12:00+04:00",
                    "accepted_at": "2026-05-05T10:00:00+04:00",
                    "due_date": "2026-06-02",
                    "decided_at": None,
                }
            ]
        }
    }


@router.post(
    "",
    response=StatusCheckOut,
    auth=None,
    summary="Check the status of an application",
    description=(
        "Number, access code and the subject's date of birth. Any mismatch answers 404 "
        "with the same message; too many look-ups from one address or for one number "
        "answer 429. Every look-up is audited (without the code)."
    ),
)
def status_check(request: HttpRequest, payload: StatusCheckIn) -> PublicStatus:
    result = application_status_lookup(
        number=payload.number,
        access_code=payload.access_code,
        birth_date=payload.birth_date,
        request=request,
    )
    if result is None:
        raise NotFound(_("No application matches these details."))
    return result
