"""Foreign affairs: the visas and e-visas issued to a person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "foreign-affairs"


class VisaRecord(Answer):
    visa_number: str
    kind: Literal["visa", "e-visa"]
    valid_from: dt.date
    valid_until: dt.date
    entries: Literal["single", "double", "multiple"]


class VisasAnswer(Answer):
    visas: list[VisaRecord]


VISAS_SEARCH = Operation(system=SYSTEM, name="visas/search", answer=VisasAnswer)


@dataclass(frozen=True)
class Visa:
    visa_number: str
    kind: str  # "visa" or "e-visa"
    valid_from: date
    valid_until: date
    entries: str  # "single", "double" or "multiple"


class ForeignAffairs(Protocol):
    def visa(
        self,
        *,
        document_number: str,
        nationality: str,
        birth_date: date,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> Visa | None:
        """The visa valid longest of those issued for this document; None if there is none."""
        ...


class HttpForeignAffairs:
    def visa(
        self,
        *,
        document_number: str,
        nationality: str,
        birth_date: date,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> Visa | None:
        answer: VisasAnswer = exchange_call(
            operation=VISAS_SEARCH,
            body={
                "document_number": document_number,
                "nationality": nationality,
                "birth_date": birth_date.isoformat(),
            },
            reference=reference,
            summary={"document": mask(document_number), "nationality": nationality},
            user=user,
        )
        latest = max(answer.visas, key=lambda v: v.valid_until, default=None)
        if latest is None:
            return None
        return Visa(
            visa_number=latest.visa_number,
            kind=latest.kind,
            valid_from=latest.valid_from,
            valid_until=latest.valid_until,
            entries=latest.entries,
        )
