"""Internal affairs: the criminal record certificate of a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from umis.exchange.adapters import require
from umis.exchange.client import exchange_call, mask

SYSTEM = "internal-affairs"


@dataclass(frozen=True)
class CriminalRecordAnswer:
    has_record: bool
    certificate_number: str


class InternalAffairs(Protocol):
    def criminal_record(
        self,
        *,
        surname: str,
        given_names: str,
        birth_date: date,
        nationality: str,
        document_number: str,
        reference: str,
    ) -> CriminalRecordAnswer: ...


class HttpInternalAffairs:
    def criminal_record(
        self,
        *,
        surname: str,
        given_names: str,
        birth_date: date,
        nationality: str,
        document_number: str,
        reference: str,
    ) -> CriminalRecordAnswer:
        answer = exchange_call(
            system=SYSTEM,
            operation="criminal-record",
            # The registry matches on name and birth date too; the log keeps neither.
            body={
                "surname": surname,
                "given_names": given_names,
                "birth_date": birth_date.isoformat(),
                "nationality": nationality,
                "document_number": document_number,
            },
            reference=reference,
            summary={"document": mask(document_number), "nationality": nationality},
        )
        return CriminalRecordAnswer(
            has_record=require(answer, "has_record", bool),
            certificate_number=str(answer.get("certificate_number", "")),
        )
