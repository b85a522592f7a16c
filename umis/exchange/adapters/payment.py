"""Payment: the state payment gateway, asked whether the state duty of an application is paid.

The reference of a duty is the application number; the applicant quotes it when paying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Protocol

from umis.exchange.adapters import parse_date, require
from umis.exchange.client import SystemUnavailable, exchange_call

SYSTEM = "payment"


@dataclass(frozen=True)
class PaymentAnswer:
    paid: bool
    amount_azn: Decimal | None
    paid_on: date | None


class PaymentGateway(Protocol):
    def duty_status(self, *, reference: str) -> PaymentAnswer: ...


class HttpPaymentGateway:
    def duty_status(self, *, reference: str) -> PaymentAnswer:
        answer = exchange_call(
            system=SYSTEM,
            operation="duties/status",
            body={"reference": reference},
            reference=reference,
            summary={"reference": reference},
        )
        paid = require(answer, "paid", bool)
        amount = answer.get("amount_azn")
        try:
            amount_azn = Decimal(str(amount)) if amount is not None else None
        except InvalidOperation as exc:
            raise SystemUnavailable(f"malformed amount {amount!r}") from exc
        return PaymentAnswer(
            paid=paid, amount_azn=amount_azn, paid_on=parse_date(answer.get("paid_on"))
        )
