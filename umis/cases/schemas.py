"""Shapes of the applications API; ``version`` travels out so it can come back in."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from umis.cases.models import Application, ApplicationEvent
from umis.cases.states import Status
from umis.core.validation import OFFSET_MAX


class ApplyIn(Schema):
    service_code: str = Field(..., max_length=64, description="An e-service code")
    form_data: dict[str, Any] = Field(..., description="The service's form")
    submit: bool = Field(True, description="False keeps it as a draft")
    district: str | None = Field(
        None,
        max_length=40,
        description="District of stay, when the service's form does not ask for it",
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "service_code": "stay-registration",
                    "form_data": {
                        "surname": "Rezaei",
                        "given_names": "Mohammad Reza",
                        "birth_date": "1988-04-17",
                        "sex": "M",
                        "nationality": "IRN",
                        "document_number": "P12345678",
                        "address": "Heydar Aliyev avenue 12, apt. 4",
                        "district": "gusar",
                        "arrival_date": "2026-05-01",
                        "stay_until": "2026-06-15",
                        "host_kind": "citizen",
                        "host_identifier": "5ABC7DE",
                    },
                    "submit": True,
                }
            ]
        }
    }


class WithdrawIn(Schema):
    expected_version: int | None = Field(None, ge=1, description="The version you last saw")

    model_config = {"json_schema_extra": {"examples": [{"expected_version": 2}]}}


class TransitionIn(Schema):
    transition: str = Field(..., max_length=64, description="e.g. accept, start_review")
    expected_version: int = Field(..., ge=1, description="The version you last saw")
    reason: str = Field("", max_length=4000)
    reasons: list[str] = Field(default_factory=list, max_length=20)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"transition": "accept", "expected_version": 2},
                {
                    "transition": "propose_refusal",
                    "expected_version": 4,
                    "reason": "The host's address does not exist.",
                },
            ]
        }
    }


class AppliedOut(Schema):
    number: str
    status: str
    version: int
    submitted_at: datetime | None
    access_code: str = Field(..., description="Shown once; keep it to check the status")


class ApplicationOut(Schema):
    number: str
    service_code: str
    status: str
    status_label: str
    version: int
    district: str | None
    flags: list[str]
    form_data: dict[str, Any]
    created_at: datetime
    submitted_at: datetime | None
    accepted_at: datetime | None
    decided_at: datetime | None
    due_date: date | None

    @staticmethod
    def resolve_status_label(obj: Application) -> str:
        return str(Status(obj.status).label)

    @staticmethod
    def resolve_district(obj: Application) -> str | None:
        district = obj.place_of_stay_district
        return district.code if district else None


class OfficeApplicationOut(ApplicationOut):
    applicant: str
    proposed_decision: str
    decision_reasons: list[str]
    assigned_to: str | None = Field(None, description="User name of the officer working it")

    @staticmethod
    def resolve_applicant(obj: Application) -> str:
        return obj.applicant.get_full_name() or obj.applicant.username

    @staticmethod
    def resolve_assigned_to(obj: Application) -> str | None:
        return obj.assigned_to.get_username() if obj.assigned_to_id else None


class AssignIn(Schema):
    assignee: str = Field(
        ..., max_length=150, description="User name of the officer; your own to take the case"
    )
    expected_version: int = Field(..., ge=1, description="The version you last saw")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"assignee": "officer", "expected_version": 3},
            ]
        }
    }


class EventOut(Schema):
    transition: str
    from_status: str
    to_status: str
    at: datetime
    reason: str

    @staticmethod
    def resolve_reason(obj: ApplicationEvent) -> str:
        return obj.reason


class PageQuery(Schema):
    status: str | None = Field(None, max_length=32)
    service_code: str | None = Field(None, max_length=64)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


class QueueOut(Schema):
    count: int
    items: list[OfficeApplicationOut]
