"""Tax: the tax service's register of taxpayers, asked about an organisation by its TIN.

Hosts that are organisations or hotels, and employers, must be active taxpayers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "tax"


class TaxpayerRecord(Answer):
    tin: str
    name: str
    active: bool
    registered_on: dt.date
    deregistered_on: dt.date | None = None


class TaxpayerAnswer(Answer):
    found: bool
    taxpayer: TaxpayerRecord | None = None


TAXPAYER_BY_TIN = Operation(system=SYSTEM, name="taxpayers/by-tin", answer=TaxpayerAnswer)


@dataclass(frozen=True)
class Taxpayer:
    tin: str
    name: str
    active: bool
    registered_on: date


class TaxService(Protocol):
    def taxpayer(self, *, tin: str, reference: str, user: str = SYSTEM_USER) -> Taxpayer | None:
        """The taxpayer with this TIN, active or not; None if no one is registered under it."""
        ...


class HttpTaxService:
    def taxpayer(self, *, tin: str, reference: str, user: str = SYSTEM_USER) -> Taxpayer | None:
        answer: TaxpayerAnswer = exchange_call(
            operation=TAXPAYER_BY_TIN,
            body={"tin": tin},
            reference=reference,
            # A sole trader's TIN is personal data: the log keeps it masked like a document.
            summary={"tin": mask(tin)},
            user=user,
        )
        record = answer.taxpayer
        if not answer.found or record is None:
            return None
        return Taxpayer(
            tin=record.tin,
            name=record.name,
            active=record.active,
            registered_on=record.registered_on,
        )
