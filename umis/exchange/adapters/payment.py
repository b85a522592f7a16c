"""Payment: the state payment gateway, asked whether the state duty of an application is paid.

The reference of a duty is the application number; the applicant quotes it when paying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from umis.exchange.client import exchange_call
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "payment"


class DutyAnswer(Answer):
    paid: bool
    amount_azn: Decimal | None = None
    paid_on: date | None = None


DUTY_STATUS = Operation(system=SYSTEM, name="duties/status", answer=DutyAnswer)


@dataclass(frozen=True)
class PaymentAnswer:
    paid: bool
    amount_azn: Decimal | None
    paid_on: date | None


class PaymentGateway(Protocol):
    def duty_status(self, *, reference: str, user: str = SYSTEM_USER) -> PaymentAnswer: ...


class HttpPaymentGateway:
    def duty_status(self, *, reference: str, user: str = SYSTEM_USER) -> PaymentAnswer:
        answer: DutyAnswer = exchange_call(
            operation=DUTY_STATUS,
            body={"reference": reference},
            reference=reference,
            summary={"reference": reference},
            user=user,
        )
        return PaymentAnswer(paid=answer.paid, amount_azn=answer.amount_azn, paid_on=answer.paid_on)
