"""Health: the health ministry's register of medical certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "health"


class CertificateAnswer(Answer):
    valid: bool
    certificate_number: str = ""
    valid_until: date | None = None


MEDICAL_CERTIFICATE = Operation(system=SYSTEM, name="medical-certificate", answer=CertificateAnswer)


@dataclass(frozen=True)
class MedicalAnswer:
    valid: bool
    certificate_number: str
    valid_until: date | None


class HealthRegistry(Protocol):
    def medical_certificate(
        self, *, document_number: str, birth_date: date, reference: str, user: str = SYSTEM_USER
    ) -> MedicalAnswer: ...


class HttpHealthRegistry:
    def medical_certificate(
        self, *, document_number: str, birth_date: date, reference: str, user: str = SYSTEM_USER
    ) -> MedicalAnswer:
        answer: CertificateAnswer = exchange_call(
            operation=MEDICAL_CERTIFICATE,
            body={"document_number": document_number, "birth_date": birth_date.isoformat()},
            reference=reference,
            summary={"document": mask(document_number)},
            user=user,
        )
        return MedicalAnswer(
            valid=answer.valid,
            certificate_number=answer.certificate_number,
            valid_until=answer.valid_until,
        )
