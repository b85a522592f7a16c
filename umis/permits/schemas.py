"""Shapes of the office permits API; ``version`` travels out so it can come back in."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from umis.core.validation import OFFSET_MAX
from umis.permits.models import Permit, PermitEvent
from umis.permits.states import PermitStatus, event_label
from umis.permits.types import PermitType


class PermitSearchQuery(Schema):
    number: str = Field("", max_length=32, description="The permit number, exactly")
    fin: str = Field("", max_length=9, description="The holder's FIN, exactly")
    name: str = Field("", max_length=200, description="The holder's name, in any script")
    status: str = Field("", max_length=16, description="active, expired, cancelled, ...")
    permit_type: str = Field("", max_length=32, description="temporary_residence, ...")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


class HolderOut(Schema):
    person_id: int
    name: str
    birth_date: str
    nationality: str


class PermitOut(Schema):
    number: str
    permit_type: str
    permit_type_label: str
    status: str
    status_label: str
    holder: HolderOut
    fin: str
    valid_from: date
    valid_to: date
    issued_at: datetime
    issuing_department: str = Field(..., description="The code of the issuing department")
    application: str = Field(..., description="The number of the application decided")
    replaces: str | None = Field(None, description="The permit this one was issued in place of")
    replaced_by: str | None = Field(None, description="The permit issued in place of this one")
    version: int

    @staticmethod
    def resolve_permit_type_label(obj: Permit) -> str:
        return str(PermitType(obj.permit_type).label)

    @staticmethod
    def resolve_status_label(obj: Permit) -> str:
        return str(PermitStatus(obj.status).label)

    @staticmethod
    def resolve_holder(obj: Permit) -> dict:
        person = obj.holder
        return {
            "person_id": person.pk,
            "name": person.full_name_latin,
            "birth_date": str(person.birth_date),
            "nationality": person.nationality,
        }

    @staticmethod
    def resolve_issuing_department(obj: Permit) -> str:
        return obj.issuing_department.code

    @staticmethod
    def resolve_application(obj: Permit) -> str:
        return obj.application.number

    @staticmethod
    def resolve_replaces(obj: Permit) -> str | None:
        return obj.replaces.number if obj.replaces_id else None

    @staticmethod
    def resolve_replaced_by(obj: Permit) -> str | None:
        try:
            return obj.replaced_by.number
        except Permit.DoesNotExist:
            return None


class PermitEventOut(Schema):
    action: str
    label: str
    from_status: str
    to_status: str
    at: datetime
    actor: str | None
    reason_code: str
    reason: str

    @staticmethod
    def resolve_label(obj: PermitEvent) -> str:
        return str(event_label(obj.action))

    @staticmethod
    def resolve_actor(obj: PermitEvent) -> str | None:
        return obj.actor.get_username() if obj.actor_id else None


class PermitDetailOut(PermitOut):
    history: list[PermitEventOut]

    @staticmethod
    def resolve_history(obj: Permit) -> list[PermitEvent]:
        return list(obj.events.select_related("actor").order_by("at", "id"))


class PermitSearchOut(Schema):
    count: int
    items: list[PermitOut]


class PermitDecisionIn(Schema):
    reason_code: str = Field(..., max_length=64, description="A code from the action's list")
    reason: str = Field("", max_length=4000, description="The officer's words; needed for other")
    expected_version: int = Field(..., ge=1, description="The version you last saw")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"reason_code": "grounds_ceased", "reason": "", "expected_version": 1},
                {
                    "reason_code": "other",
                    "reason": "The employer's contract was declared void by the court.",
                    "expected_version": 2,
                },
            ]
        }
    }
