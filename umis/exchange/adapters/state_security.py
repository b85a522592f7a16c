"""State security: the vetting of a person, asked now and answered days later.

UMIS submits a vetting request and gets a ticket at once (``vetting/request``); the
result, no objection or an objection with the day it was decided, comes later: either
UMIS asks with the ticket (``vetting/result``, polled by a task) or the system pushes it to
UMIS (``VettingResultPush``, received by ``umis.exchange.api``). The system keys requests
by UMIS's reference (the application number): asking twice for one application gives the
same ticket, so the request may be tried again like any idempotent operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "state-security"
PURPOSE = "security-vetting"
TICKET_PATTERN = r"^[A-Za-z0-9-]{1,64}$"


class TicketAnswer(Answer):
    ticket: str = Field(pattern=TICKET_PATTERN)


class ResultAnswer(Answer):
    status: Literal["pending", "clear", "objection"]
    decided_on: date | None = None

    @model_validator(mode="after")
    def _decided_with_a_date(self) -> ResultAnswer:
        # A result without the day it was decided cannot be recorded: off the schema.
        if self.status != "pending" and self.decided_on is None:
            raise ValueError("a result needs decided_on")
        return self


VETTING_REQUEST = Operation(
    system=SYSTEM, name="vetting/request", answer=TicketAnswer, purpose=PURPOSE
)
VETTING_RESULT = Operation(
    system=SYSTEM, name="vetting/result", answer=ResultAnswer, purpose=PURPOSE
)

# The operation UMIS offers the system for pushing a result (POST
# /api/v1/exchange/state-security/vetting-results).
PUSH_OPERATION = "vetting-results"


class VettingResultPush(BaseModel):
    """The body of a pushed result: strict, nothing else accepted."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    ticket: str = Field(pattern=TICKET_PATTERN)
    result: Literal["clear", "objection"]
    decided_on: date  # an ISO date in JSON


@dataclass(frozen=True)
class VettingStatus:
    result: str  # "" while the system has not decided; else "clear" or "objection"
    decided_on: date | None


class StateSecurity(Protocol):
    def vetting_request(
        self,
        *,
        surname: str,
        given_names: str,
        birth_date: date,
        nationality: str,
        document_number: str,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> str: ...

    def vetting_result(
        self, *, ticket: str, reference: str, user: str = SYSTEM_USER
    ) -> VettingStatus: ...


class HttpStateSecurity:
    def vetting_request(
        self,
        *,
        surname: str,
        given_names: str,
        birth_date: date,
        nationality: str,
        document_number: str,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> str:
        """The ticket the system acknowledged the request with."""
        answer: TicketAnswer = exchange_call(
            operation=VETTING_REQUEST,
            body={
                "surname": surname,
                "given_names": given_names,
                "birth_date": birth_date.isoformat(),
                "nationality": nationality,
                "document_number": document_number,
                "reference": reference,
            },
            reference=reference,
            summary={"document": mask(document_number), "nationality": nationality},
            user=user,
        )
        return answer.ticket

    def vetting_result(
        self, *, ticket: str, reference: str, user: str = SYSTEM_USER
    ) -> VettingStatus:
        answer: ResultAnswer = exchange_call(
            operation=VETTING_RESULT,
            body={"ticket": ticket},
            reference=reference,
            summary={"ticket": ticket},
            user=user,
        )
        result = "" if answer.status == "pending" else answer.status
        return VettingStatus(result=result, decided_on=answer.decided_on)
