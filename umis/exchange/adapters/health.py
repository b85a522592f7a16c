"""Health: the health ministry's register of medical certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from umis.exchange.adapters import parse_date, require
from umis.exchange.client import exchange_call, mask

SYSTEM = "health"


@dataclass(frozen=True)
class MedicalAnswer:
    valid: bool
    certificate_number: str
    valid_until: date | None


class HealthRegistry(Protocol):
    def medical_certificate(
        self, *, document_number: str, birth_date: date, reference: str
    ) -> MedicalAnswer: ...


class HttpHealthRegistry:
    def medical_certificate(
        self, *, document_number: str, birth_date: date, reference: str
    ) -> MedicalAnswer:
        answer = exchange_call(
            system=SYSTEM,
            operation="medical-certificate",
            body={"document_number": document_number, "birth_date": birth_date.isoformat()},
            reference=reference,
            summary={"document": mask(document_number)},
        )
        return MedicalAnswer(
            valid=require(answer, "valid", bool),
            certificate_number=str(answer.get("certificate_number", "")),
            valid_until=parse_date(answer.get("valid_until")),
        )
