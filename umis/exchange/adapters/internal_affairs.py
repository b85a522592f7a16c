"""Internal affairs: the criminal record certificate of a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "internal-affairs"


class RecordAnswer(Answer):
    has_record: bool
    certificate_number: str = ""


CRIMINAL_RECORD = Operation(system=SYSTEM, name="criminal-record", answer=RecordAnswer)


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
        user: str = SYSTEM_USER,
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
        user: str = SYSTEM_USER,
    ) -> CriminalRecordAnswer:
        answer: RecordAnswer = exchange_call(
            operation=CRIMINAL_RECORD,
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
            user=user,
        )
        return CriminalRecordAnswer(
            has_record=answer.has_record, certificate_number=answer.certificate_number
        )
