"""Crossings as the border system sends them, persons with passports, and the feed's clock."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.people.conftest import (  # noqa: F401 - fixtures shared with the people tests
    departments,
    districts,
    hq_officer,
    login,
    north_officer,
    south_officer,
)
from umis.exchange.adapters.border import FeedCrossing
from umis.exchange.simulators import border_feed
from umis.people.services import document_add, person_create

_ids = itertools.count(1)

TRAVELLER = {
    "surname": "MAMEDOV",
    "given_names": "ELVIN",
    "birth_date": "1985-03-14",
    "sex": "M",
    "nationality": "RUS",
    "issuing_state": "RUS",
    "document_number": "C01X00T47",
}


def feed_crossing(**overrides) -> FeedCrossing:
    data = {
        "crossing_id": f"T{next(_ids):08d}",
        "occurred_at": datetime(2026, 6, 1, 9, 30, tzinfo=UTC),
        "direction": "in",
        "point_code": "GYD",
        "point_name": "Heydar Aliyev International Airport",
        "point_kind": "air",
        "transport": "J2 8012",
        **TRAVELLER,
        **overrides,
    }
    return FeedCrossing.model_validate(data, strict=False)


@pytest.fixture
def traveller_on_file(districts):  # noqa: F811 - the fixture imported above
    """Mamedov Elvin, on file in the north with the passport he travels on."""

    def make(district="north", number="C01X00T47", **overrides):
        fields = {
            "surname_latin": "Mamedov",
            "given_names_latin": "Elvin",
            "surname_native": "Мамедов",
            "given_names_native": "Эльвин",
            "birth_date": "1985-03-14",
            "sex": "M",
            "nationality": "RUS",
            "place_of_stay_district": districts[district] if district else None,
            **overrides,
        }
        person = person_create(actor=None, **fields)
        document_add(
            person=person,
            actor=None,
            type="passport",
            number=number,
            issuing_state="RUS",
            expiry_date=date(2031, 5, 20),
        )
        return person

    return make


@pytest.fixture
def feed_clock(monkeypatch):
    """The simulated border system's clock, fixed and moved by hand; its feed keeps three
    hours of crossings (18 of them), so a first pull stays small."""
    clock = {"now": datetime(2026, 6, 1, 12, 0, tzinfo=UTC)}
    monkeypatch.setattr(border_feed, "feed_now", lambda: clock["now"])
    monkeypatch.setattr(border_feed, "RETENTION", timedelta(hours=3))

    class Clock:
        def advance(self, **delta):
            clock["now"] += timedelta(**delta)

        @property
        def now(self):
            return clock["now"]

    return Clock()
