"""The national working-day calendar and deadline arithmetic.

Rules (the Service's domain notes): a period starts the day after the event that starts
it; "N days" are calendar days, "N working days" skip Saturdays, Sundays and public
holidays (including days the Cabinet moves; a Saturday declared a working day counts);
a calendar-day period whose last day is not a working day ends on the next working day;
a deadline ends at the end of its last day in Asia/Baku.

The arithmetic works on an explicit ``WorkingCalendar`` so it can be tested without the
database; ``national_calendar()`` builds the real one from the ``holidays`` package and
the ``CalendarOverride`` rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from umis.core.process_cache import ProcessCache

SERVICE_TZ = ZoneInfo("Asia/Baku")

# Beyond this many days without a working day the calendar data is surely wrong; stop
# instead of looping for ever.
_MAX_GAP_DAYS = 60


class WorkingCalendar:
    """Weekends and ``holidays`` are days off; ``extra_working_days`` are working days.

    ``years``, when given, are the years the holiday list is complete for; asking about
    another year raises instead of silently treating its holidays as working days.
    """

    __slots__ = ("holidays", "extra_working_days", "years")

    def __init__(
        self,
        holidays: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        years: Iterable[int] | None = None,
    ):
        self.holidays = frozenset(holidays)
        self.extra_working_days = frozenset(extra_working_days)
        self.years = frozenset(years) if years is not None else None

    def is_working_day(self, d: date) -> bool:
        if self.years is not None and d.year not in self.years:
            raise ValueError(f"the working calendar does not cover {d.year}")
        # A day declared working wins over both the weekend and a holiday on that day.
        if d in self.extra_working_days:
            return True
        return d.weekday() < 5 and d not in self.holidays

    def next_working_day(self, d: date) -> date:
        """``d`` itself if it is a working day, otherwise the first working day after it."""
        for _ in range(_MAX_GAP_DAYS):
            if self.is_working_day(d):
                return d
            d += timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_GAP_DAYS} days of {d.isoformat()}")

    def add_working_days(self, start_event_date: date, n: int) -> date:
        """The last day of an ``n``-working-day period started by an event on that date.

        Counting starts the day after the event: one working day after a Friday is the
        next Monday, unless that Monday is a holiday.
        """
        if n < 1:
            raise ValueError("a period of working days must be at least 1 day long")
        d = start_event_date
        for _ in range(n):
            d = self.next_working_day(d + timedelta(days=1))
        return d

    def add_calendar_days(self, start_event_date: date, n: int) -> date:
        """The last day of an ``n``-calendar-day period, moved to the next working day."""
        if n < 1:
            raise ValueError("a period of days must be at least 1 day long")
        return self.next_working_day(start_event_date + timedelta(days=n))

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative if ``b`` < ``a``).

        So ``working_days_between(event, add_working_days(event, n)) == n``.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a + timedelta(days=1)
        while d <= b:
            count += self.is_working_day(d)
            d += timedelta(days=1)
        return count

    @staticmethod
    def deadline_end(d: date) -> datetime:
        """The last instant of day ``d`` in the Service's time zone (aware)."""
        return datetime.combine(d, time.max, tzinfo=SERVICE_TZ)


def deadline_end(d: date) -> datetime:
    return WorkingCalendar.deadline_end(d)


def statutory_holidays(years: Iterable[int]) -> set[date]:
    """Azerbaijan's public holidays, with the observed days the package knows."""
    return set(holidays_lib.country_holidays("AZ", years=list(years)).keys())


_cache_lock = threading.Lock()
_cache: dict[tuple, WorkingCalendar] = {}
_override_stamps = ProcessCache(seconds=60, models=("core.CalendarOverride",))


def default_years(today: date | None = None) -> range:
    """Last year to three years ahead: wide enough for every deadline the Service sets."""
    year = (today or date.today()).year
    return range(year - 1, year + 4)


def national_calendar(years: Iterable[int] | None = None) -> WorkingCalendar:
    """The working calendar for ``years``: statutory holidays plus the overrides.

    Cached per process; the cache key includes a one-query fingerprint of the overrides
    (row count and last change), itself read at most once a minute (an edit in this
    process is seen at once, in the others within the minute: umis.core.process_cache).
    """
    from django.db.models import Count, Max

    from umis.core.models import CalendarOverride

    years_t = tuple(sorted(set(years if years is not None else default_years())))
    stamp = _override_stamps.get(
        "stamp", lambda: CalendarOverride.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    )
    key = (years_t, stamp["n"], stamp["last"])
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached

    days_off = statutory_holidays(years_t)
    working: set[date] = set()
    for row in CalendarOverride.objects.only("date", "kind"):
        if row.kind == CalendarOverride.Kind.HOLIDAY:
            days_off.add(row.date)
        else:
            working.add(row.date)
    days_off -= working
    calendar = WorkingCalendar(holidays=days_off, extra_working_days=working, years=years_t)
    with _cache_lock:
        # Stale keys are useless once the overrides changed: keep the cache small.
        _cache.clear()
        _cache[key] = calendar
    return calendar


def clear_calendar_cache() -> None:
    _override_stamps.clear()
    with _cache_lock:
        _cache.clear()
