"""How well two dates of birth agree, tolerating what clerks and documents do to them.

Dates lose their day or month (only the year is known), day and month get swapped
(03/07 read as 7 March or 3 July), a digit is mistyped, a year is off by one. The levels
below are ordered from the strongest agreement to none; linkage and screening weigh each
level with weights learnt from data, so the order here only says which level wins when
several apply.
"""

from __future__ import annotations

import enum
import re

import numpy as np

from umis.people.dates import PartialDate


class BirthDateAgreement(enum.IntEnum):
    EXACT = 0  # both known to the day and equal
    AGREES_WHERE_KNOWN = 1  # equal as far as the less precise one goes (e.g. year only)
    DAY_MONTH_SWAPPED = 2  # 1985-03-07 against 1985-07-03
    ONE_PART_DIFFERS = 3  # same year and month, other day; or same year and day, other month;
    #                       or same month and day, the year within two
    DISAGREES = 4
    MISSING = 5  # one or both unknown: no evidence either way


_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_birth_date(text: str) -> PartialDate | None:
    """'1985-03-07', '1985-03', '1985' or '19850307'; None when empty.

    Raises ValueError (with a translated message) when the text is not a date.
    """
    text = (text or "").strip()
    if not text:
        return None
    compact = _COMPACT.match(text)
    if compact:
        year, month, day = (int(part) for part in compact.groups())
        return PartialDate(year, month, day)
    return PartialDate.parse(text)


def compare_birth_dates(left: PartialDate | None, right: PartialDate | None) -> BirthDateAgreement:
    if left is None or right is None:
        return BirthDateAgreement.MISSING
    if left.day is not None and right.day is not None and left == right:
        return BirthDateAgreement.EXACT
    if left.agrees_with(right):
        return BirthDateAgreement.AGREES_WHERE_KNOWN
    if left.day is None or right.day is None:
        return BirthDateAgreement.DISAGREES
    if left.year == right.year and left.month == right.day and left.day == right.month:
        return BirthDateAgreement.DAY_MONTH_SWAPPED
    same_year = left.year == right.year
    if (same_year and left.month == right.month) or (same_year and left.day == right.day):
        return BirthDateAgreement.ONE_PART_DIFFERS
    if left.month == right.month and left.day == right.day and abs(left.year - right.year) <= 2:
        return BirthDateAgreement.ONE_PART_DIFFERS
    return BirthDateAgreement.DISAGREES


def compare_birth_date_arrays(left: tuple, right: tuple) -> np.ndarray:
    """``compare_birth_dates`` over arrays: ``left`` and ``right`` are (year, month, day)
    arrays with 0 for an unknown part and year 0 for no date. Returns int8 levels."""
    year_l, month_l, day_l = (np.asarray(part, dtype=np.int32) for part in left)
    year_r, month_r, day_r = (np.asarray(part, dtype=np.int32) for part in right)
    A = BirthDateAgreement
    both_days = (day_l > 0) & (day_r > 0)
    same_year = year_l == year_r
    months_agree = (month_l == 0) | (month_r == 0) | (month_l == month_r)
    days_agree = (day_l == 0) | (day_r == 0) | (day_l == day_r)
    swapped = same_year & (month_l == day_r) & (day_l == month_r)
    one_part = (same_year & ((month_l == month_r) | (day_l == day_r))) | (
        (month_l == month_r) & (day_l == day_r) & (np.abs(year_l - year_r) <= 2)
    )
    levels = np.full(len(year_l), A.DISAGREES, dtype=np.int8)
    # Assigned weakest first, so a stronger level overwrites a weaker one.
    levels[both_days & one_part] = A.ONE_PART_DIFFERS
    levels[both_days & swapped] = A.DAY_MONTH_SWAPPED
    levels[same_year & months_agree & days_agree] = A.AGREES_WHERE_KNOWN
    levels[both_days & same_year & (month_l == month_r) & (day_l == day_r)] = A.EXACT
    levels[(year_l == 0) | (year_r == 0)] = A.MISSING
    return levels
