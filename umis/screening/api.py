"""``POST /api/v1/screening/checks``: other systems screen a person against the watch list.

Staff with the permission (session and second factor) or a machine client whose token
carries the ``screening.check`` scope. Every call is audited, hit or not.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from umis.accounts.permissions import office_auth
from umis.accounts.roles import perm
from umis.screening.selectors import hits_described
from umis.screening.services import screening_check

router = Router(tags=["screening"])


class NameIn(Schema):
    surname: str = Field("", max_length=200, description="In any script")
    given_names: str = Field("", max_length=200, description="In any script")


class CheckIn(Schema):
    names: list[NameIn] = Field(
        ..., min_length=1, max_length=4, description="One per written form known"
    )
    birth_date: str = Field(
        "", max_length=10, description="YYYY-MM-DD, YYYY-MM, YYYY or YYYYMMDD; empty if unknown"
    )
    nationality: str = Field("", max_length=3, description="ISO 3166-1 alpha-3 or ICAO X code")
    sex: Literal["", "F", "M", "X"] = ""
    document_numbers: list[str] = Field([], max_length=4)
    on: date | None = Field(None, description="The day to screen on (default: today)")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "names": [
                        {"surname": "REZAEI", "given_names": "MOHAMMAD REZA"},
                        {"surname": "رضایی", "given_names": "محمدرضا"},
                    ],
                    "birth_date": "1988-04-17",
                    "nationality": "IRN",
                    "sex": "M",
                    "document_numbers": ["K7654321"],
                }
            ]
        }
    }


class ExplanationOut(Schema):
    field: str
    agreement: str
    points: int
    words: str


class EntryOut(Schema):
    list_kind: str
    list_kind_label: str
    names: list[str]
    birth_date: str
    nationality: str
    reason: str
    source: str
    valid_from: date
    valid_until: date | None


class HitOut(Schema):
    entry_id: int
    score: int
    explanation: list[ExplanationOut]
    entry: EntryOut


class CheckOut(Schema):
    hit: bool
    checked_on: date
    hits: list[HitOut]


@router.post(
    "/checks",
    response=CheckOut,
    auth=office_auth(perm.SCREENING_CHECK),
    summary="Screen a person against the entry-ban and wanted lists",
)
def screening_checks(request: HttpRequest, body: CheckIn) -> dict[str, Any]:
    checked_on, result = screening_check(
        names=[(n.surname, n.given_names) for n in body.names],
        birth_date=body.birth_date,
        nationality=body.nationality,
        sex=body.sex,
        document_numbers=body.document_numbers,
        on=body.on,
        request=request,
    )
    return {"hit": result.is_hit, "checked_on": checked_on, "hits": hits_described(result.hits)}
