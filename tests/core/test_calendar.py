"""Deadline arithmetic over Azerbaijan's real public holidays.

The holiday dates for 2026 and 2027 are those the pinned ``holidays`` package gives
(Ramadan and Gurban bayram move every year; 2027's are the package's estimates). Each
expected due date was counted by hand; the comments show the count.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from umis.core.calendar import (
    WorkingCalendar,
    _override_stamps,
    clear_calendar_cache,
    deadline_end,
    national_calendar,
    statutory_holidays,
)
from umis.core.models import CalendarOverride

AZ = WorkingCalendar(holidays=statutory_holidays(range(2025, 2030)))


def test_the_package_knows_the_holidays_these_tests_count_on():
    days_off = statutory_holidays([2026, 2027])
    expected = {
        date(2026, 1, 1), date(2026, 1, 2),  # New Year
        date(2026, 3, 20), date(2026, 3, 24), date(2026, 3, 30),  # Novruz, Ramadan
        date(2026, 5, 11),  # 9 May falls on a Saturday: moved to Monday
        date(2026, 5, 27), date(2026, 5, 28), date(2026, 5, 29),  # Gurban, 28 May
        date(2026, 6, 15), date(2026, 6, 26), date(2026, 11, 9), date(2026, 12, 31),
        date(2027, 3, 9), date(2027, 3, 10),  # Ramadan 2027 (estimated)
        date(2027, 5, 17), date(2027, 5, 18),  # Gurban 2027 (estimated)
    }  # fmt: skip
    assert expected <= days_off


@pytest.mark.parametrize(
    ("event", "n", "due"),
    [
        # Friday event: Sat, Sun skipped; Monday is day 1.
        (date(2026, 4, 3), 1, date(2026, 4, 6)),
        # Tue 30 Dec 2025: 31 Dec, 1-2 Jan holidays, 3-4 weekend; Mon 5 Jan is day 1.
        (date(2025, 12, 30), 1, date(2026, 1, 5)),
        # Thu 19 Mar 2026: Novruz and Ramadan 20-27 Mar, weekend 28-29, 30 Mar observed;
        # Tue 31 Mar is day 1.
        (date(2026, 3, 19), 1, date(2026, 3, 31)),
        # ...then 1 Apr (2), 2 Apr (3), Fri 3 Apr (4), Mon 6 Apr (5).
        (date(2026, 3, 19), 5, date(2026, 4, 6)),
        # Fri 8 May 2026: 9 May is a Saturday, observed Mon 11 May; Tue 12 May is day 1.
        (date(2026, 5, 8), 1, date(2026, 5, 12)),
        # Wed 20 May 2026, trp fast tier (15): 21(1) 22(2) 25(3) 26(4); 27-29 Gurban and
        # 28 May; 1(5) 2(6) 3(7) 4(8) 5(9) 8(10) 9(11) 10(12) 11(13) 12 Jun(14);
        # 15 Jun holiday; Tue 16 Jun is day 15.
        (date(2026, 5, 20), 15, date(2026, 6, 16)),
        # Same event, standard tier (20): 17(16) 18(17) 19(18) 22(19) 23 Jun(20).
        (date(2026, 5, 20), 20, date(2026, 6, 23)),
        # Thu 25 Jun 2026: 26 Jun holiday, weekend; Mon 29 Jun is day 1.
        (date(2026, 6, 25), 1, date(2026, 6, 29)),
        # Fri 6 Nov 2026: weekend, 9 Nov Flag Day, 10 Nov Victory Day observed; Wed 11.
        (date(2026, 11, 6), 1, date(2026, 11, 11)),
        # Wed 30 Dec 2026: 31 Dec, 1 Jan, weekend, 4 Jan observed; Tue 5 Jan 2027.
        (date(2026, 12, 30), 1, date(2027, 1, 5)),
        # Fri 5 Mar 2027: weekend, 8 Mar, 9-10 Mar Ramadan; Thu 11 Mar is day 1.
        (date(2027, 3, 5), 1, date(2027, 3, 11)),
        # Fri 19 Mar 2027: Novruz 20-26 Mar, weekend 27-28; Mon 29 Mar is day 1.
        (date(2027, 3, 19), 1, date(2027, 3, 29)),
        # Fri 14 May 2027: weekend (16 May Gurban), 17-18 May; Wed 19 May is day 1.
        (date(2027, 5, 14), 1, date(2027, 5, 19)),
    ],
)
def test_working_days_skip_weekends_and_public_holidays(event, n, due):
    assert AZ.add_working_days(event, n) == due
    assert AZ.working_days_between(event, due) == n


@pytest.mark.parametrize(
    ("arrival", "n", "due"),
    [
        # 1 Apr + 15 = Thu 16 Apr 2026, a working day: unchanged.
        (date(2026, 4, 1), 15, date(2026, 4, 16)),
        # Fri 3 Apr + 15 = Sat 18 Apr: ends on Mon 20 Apr.
        (date(2026, 4, 3), 15, date(2026, 4, 20)),
        # Sun 8 Mar + 15 = Mon 23 Mar (Novruz): 24-27 holidays, weekend, 30 observed;
        # ends on Tue 31 Mar.
        (date(2026, 3, 8), 15, date(2026, 3, 31)),
        # 16 Dec 2026 + 15 = 31 Dec: holidays to Mon 4 Jan; ends on Tue 5 Jan 2027.
        (date(2026, 12, 16), 15, date(2027, 1, 5)),
    ],
)
def test_calendar_day_periods_end_on_the_next_working_day(arrival, n, due):
    assert AZ.add_calendar_days(arrival, n) == due


def test_working_days_between_counts_after_the_first_day_up_to_the_second():
    friday, monday = date(2026, 4, 3), date(2026, 4, 6)
    assert AZ.working_days_between(friday, monday) == 1
    assert AZ.working_days_between(friday, friday) == 0
    assert AZ.working_days_between(monday, friday) == -1


def test_a_period_must_be_at_least_one_day():
    with pytest.raises(ValueError):
        AZ.add_working_days(date(2026, 4, 3), 0)
    with pytest.raises(ValueError):
        AZ.add_calendar_days(date(2026, 4, 3), -1)


def test_a_deadline_ends_at_the_last_instant_of_the_day_in_baku():
    end = deadline_end(date(2026, 6, 16))
    assert end.tzinfo is not None
    assert end.astimezone(UTC) == datetime(2026, 6, 16, 19, 59, 59, 999999, tzinfo=UTC)
    # A microsecond later it is midnight of the next day in Baku (UTC+4).
    assert end + timedelta(microseconds=1) == datetime(2026, 6, 16, 20, tzinfo=UTC)


@settings(max_examples=200, deadline=None)
@given(
    event=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 6, 30)),
    n=st.integers(min_value=1, max_value=60),
)
def test_working_day_arithmetic_is_consistent(event, n):
    due = AZ.add_working_days(event, n)
    assert AZ.is_working_day(due)
    assert due < AZ.add_working_days(event, n + 1)
    assert AZ.working_days_between(event, due) == n


@settings(max_examples=100, deadline=None)
@given(
    event=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 6, 30)),
    n=st.integers(min_value=1, max_value=120),
)
def test_calendar_day_periods_end_on_a_working_day_no_earlier_than_n_days(event, n):
    due = AZ.add_calendar_days(event, n)
    assert AZ.is_working_day(due)
    assert due >= event + timedelta(days=n)
    # Every day between the plain end and the due date is a day off.
    d = event + timedelta(days=n)
    while d < due:
        assert not AZ.is_working_day(d)
        d += timedelta(days=1)


# --- the national calendar: package holidays plus the Service's overrides -------------


@pytest.fixture
def fresh_calendar():
    clear_calendar_cache()
    yield
    clear_calendar_cache()


@pytest.mark.django_db
def test_a_saturday_declared_a_working_day_counts(fresh_calendar):
    years = [2026]
    # Without the override: Thu 19 Mar 2026 + 1 working day is Tue 31 Mar.
    assert national_calendar(years).add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 31)
    CalendarOverride.objects.create(
        date=date(2026, 3, 28),
        kind=CalendarOverride.Kind.WORKING_DAY,
        name_en="Working Saturday",
        source="Cabinet decision (test)",
    )
    # The cache notices the new row: Sat 28 Mar is now day 1.
    calendar = national_calendar(years)
    assert calendar.is_working_day(date(2026, 3, 28))
    assert calendar.add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 28)


@pytest.mark.django_db
def test_a_day_off_added_by_the_service_is_skipped_and_removing_it_restores_it(
    fresh_calendar,
):
    years = [2026]
    # Mon 6 Apr 2026 is an ordinary working day: Fri 3 Apr + 1 = Mon 6 Apr.
    assert national_calendar(years).add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 6)
    row = CalendarOverride.objects.create(
        date=date(2026, 4, 6), kind=CalendarOverride.Kind.HOLIDAY, name_en="Moved day off"
    )
    assert national_calendar(years).add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)
    row.delete()
    assert national_calendar(years).add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 6)


@pytest.mark.django_db
def test_an_override_can_make_a_package_holiday_a_working_day(fresh_calendar):
    # The package lists Mon 30 Mar 2026 as a day off (Ramadan observed); a decree could
    # decide otherwise, and the override wins.
    CalendarOverride.objects.create(date=date(2026, 3, 30), kind=CalendarOverride.Kind.WORKING_DAY)
    calendar = national_calendar([2026])
    assert calendar.is_working_day(date(2026, 3, 30))
    assert calendar.add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 30)


@pytest.mark.django_db
def test_the_national_calendar_is_cheap_once_built(fresh_calendar, django_assert_num_queries):
    national_calendar()
    # Within the minute the overrides' fingerprint is not even read again.
    with django_assert_num_queries(0):
        national_calendar()
    # Past it, one aggregate query checks they did not change; nothing is rebuilt.
    _override_stamps.clear()
    with django_assert_num_queries(1):
        national_calendar()


@pytest.mark.django_db
def test_a_calendar_refuses_a_year_it_has_no_holidays_for(fresh_calendar):
    calendar = national_calendar([2026])
    # Wed 30 Dec 2026 + 1 working day would cross into 2027, whose holidays (1 and 4
    # January) are unknown to this calendar: better an error than a wrong due date.
    with pytest.raises(ValueError, match="2027"):
        calendar.add_working_days(date(2026, 12, 30), 1)
    # The default span covers the year before and three years ahead.
    assert national_calendar().add_working_days(date.today(), 20) > date.today()
