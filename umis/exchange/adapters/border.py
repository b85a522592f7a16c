"""Border: the "entry-exit and registration" interagency search system.

Asks whether a person (by travel document) entered the country, when and where, and
whether the restrictions list holds a travel ban for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "border"


class Crossing(Answer):
    date: dt.date
    direction: Literal["in", "out"]
    border_point: str = ""


class CrossingsAnswer(Answer):
    crossings: list[Crossing]
    travel_ban: bool


CROSSINGS_SEARCH = Operation(system=SYSTEM, name="crossings/search", answer=CrossingsAnswer)


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
        user: str = SYSTEM_USER,
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
        user: str = SYSTEM_USER,
    ) -> BorderAnswer:
        answer: CrossingsAnswer = exchange_call(
            operation=CROSSINGS_SEARCH,
            body={
                "document_number": document_number,
                "nationality": nationality,
                "birth_date": birth_date.isoformat(),
                # The date the person says they arrived narrows the search window.
                "arrival_date": arrival_date.isoformat() if arrival_date else None,
            },
            reference=reference,
            summary={"document": mask(document_number), "nationality": nationality},
            user=user,
        )
        entries = [c for c in answer.crossings if c.direction == "in"]
        last = max(entries, key=lambda c: c.date, default=None)
        return BorderAnswer(
            last_entry=last.date if last else None,
            entry_point=last.border_point if last else "",
            travel_ban=answer.travel_ban,
        )
