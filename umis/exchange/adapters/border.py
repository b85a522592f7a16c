"""Border: the "entry-exit and registration" interagency search system.

Asks whether a person (by travel document) entered the country, when and where, and
whether the restrictions list holds a travel ban for them; and gives the whole restrictions
list, which the watch list is loaded from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from pydantic import Field

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


class Restriction(Answer):
    """One entry of the border system's restrictions list, as it gives it."""

    reference: str
    list_kind: Literal["entry_ban", "wanted"] = Field(alias="list")
    surname: str = ""  # as the border system holds it, in any script
    given_names: str = ""
    surname_latin: str = ""
    given_names_latin: str = ""
    birth_date: str = ""  # YYYY-MM-DD, YYYY-MM, YYYY or empty
    sex: str = ""
    nationality: str = ""
    document_numbers: list[str] = []
    reason: str = ""
    valid_from: dt.date
    valid_until: dt.date | None = None


class RestrictionsAnswer(Answer):
    restrictions: list[Restriction]


# The whole list, loaded into the watch list (umis.screening.restrictions).
RESTRICTIONS_LIST = Operation(
    system=SYSTEM, name="restrictions/list", answer=RestrictionsAnswer, purpose="watch-list"
)


class FeedCrossing(Answer):
    """One crossing as the border system's feed gives it: the traveller as the passport's
    Latin line writes them, the point and the means of transport."""

    crossing_id: str = Field(min_length=1, max_length=64)
    occurred_at: dt.datetime
    direction: Literal["in", "out"]
    point_code: str = Field(max_length=32)
    point_name: str = Field(max_length=200)
    point_kind: Literal["air", "land", "sea"]
    transport: str = Field(default="", max_length=64)
    surname: str = Field(max_length=200)
    given_names: str = Field(default="", max_length=200)
    birth_date: str = Field(default="", max_length=10)  # YYYY-MM-DD, YYYY-MM, YYYY or empty
    sex: str = Field(default="", max_length=1)
    nationality: str = Field(default="", max_length=3)
    issuing_state: str = Field(default="", max_length=3)
    document_number: str = Field(max_length=30)


class CrossingsFeedAnswer(Answer):
    crossings: list[FeedCrossing]
    next_cursor: str = Field(max_length=200)
    more: bool


# The crossings after a cursor (an opaque string the feed gave; empty: from the start).
CROSSINGS_FEED = Operation(
    system=SYSTEM, name="crossings/feed", answer=CrossingsFeedAnswer, purpose="border-events"
)


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

    def restrictions(self, *, reference: str) -> list[Restriction]: ...

    def crossings_feed(self, *, cursor: str, limit: int) -> CrossingsFeedAnswer: ...


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

    def restrictions(self, *, reference: str) -> list[Restriction]:
        """The whole restrictions list (travel bans and wanted persons) as it stands."""
        answer: RestrictionsAnswer = exchange_call(
            operation=RESTRICTIONS_LIST, body={}, reference=reference
        )
        return list(answer.restrictions)

    def crossings_feed(self, *, cursor: str, limit: int) -> CrossingsFeedAnswer:
        """The crossings recorded after ``cursor``, at most ``limit`` of them, and the cursor
        to ask from next time (asking twice from one cursor gives the same crossings)."""
        return exchange_call(
            operation=CROSSINGS_FEED,
            body={"cursor": cursor, "limit": limit},
            reference="crossings-feed",
            summary={"limit": limit},
        )
