"""Dates of birth that may be known only to the year or to the month."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class Precision:
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, to the month, or only to the year (month and day None)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(_("Enter a valid year."))
        if self.month is None and self.day is not None:
            raise ValueError(_("A day needs a month."))
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(_("Enter a month between 1 and 12."))
        if self.day is not None:
            assert self.month is not None
            if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
                raise ValueError(_("This day does not exist in that month."))

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """'1974-08-12', '1974-08' or '1974'."""
        match = _ISO_PARTIAL.match(text.strip())
        if not match:
            raise ValueError(_("Enter the date as YYYY-MM-DD, YYYY-MM or YYYY."))
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return cls(year=year, month=month, day=day)

    @classmethod
    def coerce(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError(_("Enter the date as YYYY-MM-DD, YYYY-MM or YYYY."))

    @property
    def precision(self) -> str:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def is_in_future(self, today: date) -> bool:
        """True only if even the earliest day it could be is after today."""
        return self.earliest() > today

    def agrees_with(self, other: PartialDate) -> bool:
        """Equal wherever both are known (a year-only date agrees with any day that year)."""
        if self.year != other.year:
            return False
        if self.month is not None and other.month is not None and self.month != other.month:
            return False
        return not (self.day is not None and other.day is not None and self.day != other.day)

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Written out in the current language: '12 August 1974', 'August 1974', '1974'."""
        if self.day is not None:
            return formats.date_format(self.earliest(), "j E Y")
        if self.month is not None:
            return formats.date_format(self.earliest(), "F Y")
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()
