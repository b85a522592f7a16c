"""Border: the "entry-exit and registration" interagency search system.

Asks whether a person (by travel document) entered the country, when and where, and
whether the restrictions list holds a travel ban for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from umis.exchange.adapters import parse_date, require
from umis.exchange.client import exchange_call, mask

SYSTEM = "border"


@dataclass(frozen=True)
class BorderAnswer:
    last_entry: date | None  # None: no entry recorded for this document
    entry_point: str
    travel_ban: bool


class BorderSystem(Protocol):
    def entry_exit(
        self,
        *,
        document_number: str,
        nationality: str,
        birth_date: date,
        arrival_date: date | None,
        reference: str,
    ) -> BorderAnswer: ...


class HttpBorderSystem:
    def entry_exit(
        self,
        *,
        document_number: str,
        nationality: str,
        birth_date: date,
        arrival_date: date | None,
        reference: str,
    ) -> BorderAnswer:
        answer = exchange_call(
            system=SYSTEM,
            operation="crossings/search",
            body={
                "document_number": document_number,
                "nationality": nationality,
                "birth_date": birth_date.isoformat(),
                # The date the person says they arrived narrows the search window.
                "arrival_date": arrival_date.isoformat() if arrival_date else None,
            },
            reference=reference,
            summary={"document": mask(document_number), "nationality": nationality},
        )
        crossings = require(answer, "crossings", list)
        entries = [c for c in crossings if isinstance(c, dict) and c.get("direction") == "in"]
        last = max(entries, key=lambda c: str(c.get("date")), default=None)
        return BorderAnswer(
            last_entry=parse_date(last.get("date")) if last else None,
            entry_point=str(last.get("border_point", "")) if last else "",
            travel_ban=require(answer, "travel_ban", bool),
        )
