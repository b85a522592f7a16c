"""The rules a stay registration is judged by before the Service decides it by itself."""

from datetime import date

import pytest

from tests.eservices.form_data import stay_registration_data
from umis.core.calendar import national_calendar
from umis.core.errors import ValidationFailed
from umis.eservices import registry
from umis.eservices.base import Finding
from umis.eservices.services.stay_registration import (
    address_change_deadline,
    assess,
    registration_deadline,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 20)
SERVICE = registry.get("stay-registration")


def form(**changes):
    dates = {"arrival_date": "2026-07-15", "stay_until": "2026-09-01"}
    return SERVICE.validate_form(stay_registration_data(TODAY, **{**dates, **changes}), today=TODAY)


def codes(findings):
    return [f.code for f in findings]


def test_a_registration_in_time_for_a_long_stay_breaks_no_rule():
    assert assess(form(), TODAY) == []


def test_a_registration_after_its_deadline_is_late_and_says_the_dates():
    arrival = date(2026, 6, 20)
    deadline = registration_deadline(arrival)
    late = assess(form(arrival_date=str(arrival)), TODAY)
    assert late == [Finding("late", {"arrival": "2026-06-20", "deadline": deadline.isoformat()})]
    assert assess(form(arrival_date=str(arrival)), deadline) == []  # the last day is in time


@pytest.mark.parametrize(
    "nationality, days, finding",
    [
        ("IRN", 15, True),
        ("IRN", 16, False),
        ("KAZ", 16, True),
        ("KAZ", 30, True),
        ("KAZ", 31, False),
    ],
)
def test_registration_not_required_for_a_short_stay_thirty_days_for_kazakhstan(
    nationality, days, finding
):
    arrival = date(2026, 7, 15)
    stay_until = date.fromordinal(arrival.toordinal() + days)
    found = assess(form(nationality=nationality, stay_until=str(stay_until)), TODAY)
    assert ("not_required" in codes(found)) is finding
    if finding:
        threshold = 30 if nationality == "KAZ" else 15
        assert found[0].params == {"days": days, "threshold": threshold}


def test_a_change_of_address_has_five_working_days_from_the_day_of_moving():
    # Moved on Monday 2026-07-06: day 1 is Tuesday, day 5 is Monday 2026-07-13.
    moved = date(2026, 7, 6)
    assert address_change_deadline(moved) == national_calendar().add_working_days(moved, 5)
    assert address_change_deadline(moved) == date(2026, 7, 13)
    arrival = "2026-05-01"  # as a first registration this would be long overdue
    change = form(arrival_date=arrival, reason="address_change", moved_on=str(moved))

    assert assess(change, date(2026, 7, 13)) == []
    assert assess(change, date(2026, 7, 14)) == [
        Finding("address_change_late", {"moved_on": "2026-07-06", "deadline": "2026-07-13"})
    ]


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"reason": "address_change"}, "enter the day you moved"),
        ({"reason": "first", "moved_on": "2026-07-16"}, "only when registering a change"),
        ({"reason": "address_change", "moved_on": "2026-07-10"}, "before the arrival date"),
        ({"reason": "address_change", "moved_on": "2026-07-21"}, "future"),
        ({"reason": "moved"}, "Reason"),
    ],
)
def test_the_date_of_moving_is_asked_for_a_change_of_address_only(changes, words):
    with pytest.raises(ValidationFailed) as caught:
        form(**changes)
    fields = caught.value.fields
    field = "reason" if changes.get("reason") == "moved" else "moved_on"
    assert words in fields[field]


def test_an_empty_date_of_moving_on_a_first_registration_is_no_date():
    assert form(moved_on="").moved_on is None
