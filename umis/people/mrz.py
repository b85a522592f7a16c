"""ICAO Doc 9303 TD3 (passport booklet) machine-readable zone: parse, validate, build.

Two lines of 44 characters from A-Z, 0-9 and the filler "<":

    line 1: document code (2) | issuing state (3) | SURNAME<<GIVEN<NAMES (39)
    line 2: document number (9) + check | nationality (3) | birth YYMMDD + check | sex |
            expiry YYMMDD + check | optional data (14) + check | composite check

Check digits use the weights 7, 3, 1 repeating over character values (0-9 as themselves,
A-Z as 10-35, "<" as 0), modulo 10 (Doc 9303 Part 3, section 4.9).
Every error is an ``MrzError`` naming the MRZ field that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from umis.people.countries import is_mrz_state_code, mrz_state_to_nationality
from umis.people.names import to_ascii

LINE_LENGTH = 44
NAME_LENGTH = 39
FILLER = "<"
_LEGAL = re.compile(r"^[A-Z0-9<]*$")
_WEIGHTS = (7, 3, 1)


class MrzError(ValueError):
    """A problem in an MRZ. ``part`` is the MRZ field at fault; ``field`` the input field."""

    def __init__(self, message: str, *, part: str, field: str = "mrz") -> None:
        super().__init__(message)
        self.message = message
        self.part = part
        self.field = field


@dataclass(frozen=True)
class MrzData:
    document_code: str
    issuing_state: str  # as written in the MRZ ("D" for Germany)
    surname: str
    given_names: str
    document_number: str
    nationality: str  # as written in the MRZ
    birth_year: int | None  # None if the MRZ leaves the date of birth blank
    birth_month: int | None
    birth_day: int | None
    sex: str  # "M", "F" or "X" (unspecified)
    expiry_date: date
    optional_data: str

    @property
    def nationality_code(self) -> str | None:
        """The nationality as stored for a person ('D' becomes 'DEU')."""
        return mrz_state_to_nationality(self.nationality)

    @property
    def issuing_state_code(self) -> str | None:
        return mrz_state_to_nationality(self.issuing_state)


def _char_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if char == FILLER:
        return 0
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    raise ValueError(char)


def check_digit(value: str) -> str:
    return str(sum(_char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(value)) % 10)


def _lines(text: str) -> tuple[str, str]:
    lines = [line.strip() for line in text.strip().upper().splitlines() if line.strip()]
    if len(lines) == 1 and len(lines[0]) == 2 * LINE_LENGTH:
        lines = [lines[0][:LINE_LENGTH], lines[0][LINE_LENGTH:]]
    if len(lines) != 2:
        raise MrzError(
            _("A passport MRZ has two lines of 44 characters; %(n)s line(s) were given.")
            % {"n": len(lines)},
            part="length",
        )
    for number, line in enumerate(lines, start=1):
        if len(line) != LINE_LENGTH:
            raise MrzError(
                _("Line %(line)s of the MRZ has %(n)s characters instead of 44.")
                % {"line": number, "n": len(line)},
                part="length",
            )
        if not _LEGAL.match(line):
            bad = next(c for c in line if not _LEGAL.match(c))
            raise MrzError(
                _(
                    "Line %(line)s of the MRZ contains the character “%(char)s”; only A-Z, "
                    "0-9 and < are allowed."
                )
                % {"line": number, "char": bad},
                part="characters",
            )
    return lines[0], lines[1]


def _verify(value: str, digit: str, *, part: str, message: str) -> None:
    if digit != check_digit(value):
        raise MrzError(message, part=part)


def _state(raw: str, *, part: str, message: str, extra_states: frozenset[str]) -> str:
    code = raw.rstrip(FILLER)
    if not code or FILLER in code or not (is_mrz_state_code(code) or code in extra_states):
        raise MrzError(message % {"code": raw}, part=part)
    return code


def _names(field: str) -> tuple[str, str]:
    if any(c.isdigit() for c in field):
        raise MrzError(_("The name field of the MRZ contains digits."), part="names")
    surname, _sep, given = field.rstrip(FILLER).partition("<<")
    surname = surname.replace(FILLER, " ").strip()
    given = given.strip(FILLER)
    if not surname:
        raise MrzError(_("The name field of the MRZ has no surname."), part="names")
    if "<<" in given:
        raise MrzError(_("The name field of the MRZ has misplaced fillers."), part="names")
    return surname, given.replace(FILLER, " ")


def _birth(raw: str, today: date) -> tuple[int | None, int | None, int | None]:
    wrong = MrzError(_("The date of birth in the MRZ is not a valid date."), part="birth_date")
    if raw == FILLER * 6:
        return None, None, None
    yy, mm, dd = raw[0:2], raw[2:4], raw[4:6]
    if not yy.isdigit() or (mm == "<<" and dd != "<<"):
        raise wrong
    month = None if mm == "<<" else mm
    day = None if dd == "<<" else dd
    if (month is not None and not month.isdigit()) or (day is not None and not day.isdigit()):
        raise wrong
    m, d = (int(month) if month else None), (int(day) if day else None)
    year = 2000 + int(yy)
    # Two-digit years: the latest century that does not put the birth in the future.
    try:
        if date(year, m or 1, d or 1) > today:
            year -= 100
        date(year, m or 1, d or 1)
    except ValueError:
        raise wrong from None
    return year, m, d


def _expiry(raw: str, today: date) -> date:
    if not raw.isdigit():
        raise MrzError(_("The expiry date in the MRZ is not a valid date."), part="expiry_date")
    year = 2000 + int(raw[0:2])
    if year > today.year + 50:
        year -= 100
    try:
        return date(year, int(raw[2:4]), int(raw[4:6]))
    except ValueError:
        raise MrzError(
            _("The expiry date in the MRZ is not a valid date."), part="expiry_date"
        ) from None


def parse_td3(text: str, *, extra_states: Iterable[str] = (), today: date | None = None) -> MrzData:
    """Parse and fully validate a TD3 MRZ.

    ``extra_states`` admits codes that are not real states (ICAO's fictitious "UTO" of the
    specimens, in tests); production code never passes it.
    """
    today = today or date.today()
    extra = frozenset(extra_states)
    line1, line2 = _lines(text)

    code = line1[0:2]
    if code[0] != "P":
        raise MrzError(
            _("The document code of a passport MRZ starts with P, not “%(code)s”.")
            % {"code": code[0]},
            part="document_code",
        )
    issuing_state = _state(
        line1[2:5],
        part="issuing_state",
        message=_("The issuing state “%(code)s” in the MRZ is not a known state code."),
        extra_states=extra,
    )
    surname, given_names = _names(line1[5:44])

    number_field, number_check = line2[0:9], line2[9]
    _verify(
        number_field,
        number_check,
        part="document_number",
        message=_("The check digit of the document number is wrong."),
    )
    nationality = _state(
        line2[10:13],
        part="nationality",
        message=_("The nationality “%(code)s” in the MRZ is not a known state code."),
        extra_states=extra,
    )
    _verify(
        line2[13:19],
        line2[19],
        part="birth_date",
        message=_("The check digit of the date of birth is wrong."),
    )
    birth_year, birth_month, birth_day = _birth(line2[13:19], today)
    sex = line2[20]
    if sex not in "MFX<":
        raise MrzError(_("The sex in the MRZ must be M, F, X or <."), part="sex")
    _verify(
        line2[21:27],
        line2[27],
        part="expiry_date",
        message=_("The check digit of the expiry date is wrong."),
    )
    expiry = _expiry(line2[21:27], today)
    optional, optional_check = line2[28:42], line2[42]
    if not (optional == FILLER * 14 and optional_check in "<0"):
        _verify(
            optional,
            optional_check,
            part="optional_data",
            message=_("The check digit of the personal number (optional data) is wrong."),
        )
    _verify(
        line2[0:10] + line2[13:20] + line2[21:43],
        line2[43],
        part="composite",
        message=_("The composite check digit of the MRZ is wrong."),
    )
    return MrzData(
        document_code=code.rstrip(FILLER),
        issuing_state=issuing_state,
        surname=surname,
        given_names=given_names,
        document_number=number_field.rstrip(FILLER),
        nationality=nationality,
        birth_year=birth_year,
        birth_month=birth_month,
        birth_day=birth_day,
        sex="X" if sex == FILLER else sex,
        expiry_date=expiry,
        optional_data=optional.rstrip(FILLER),
    )


# --- Building ---------------------------------------------------------------------------


def mrz_name(text: str) -> str:
    """A name in MRZ characters: transliterated, uppercase, spaces and hyphens as '<'.

    States choose among ICAO's transliterations (Ü may be UE or U); this uses the plain
    Latin letter, as Azerbaijani and Turkish passports do, with Ə written A.
    """
    ascii_text = to_ascii(text).upper()
    out = []
    for char in ascii_text:
        if "A" <= char <= "Z":
            out.append(char)
        elif char in " -":
            out.append(FILLER)
    return re.sub("<+", FILLER, "".join(out)).strip(FILLER)


def _state_for_mrz(code: str) -> str:
    code = "D" if code == "DEU" else code.upper()
    return code.ljust(3, FILLER)


def _yymmdd(value: Any) -> str:
    """A date, or anything with year/month/day where month and day may be None."""
    if value is None:
        return FILLER * 6
    month = f"{value.month:02d}" if value.month else FILLER * 2
    day = f"{value.day:02d}" if value.month and value.day else FILLER * 2
    return f"{value.year % 100:02d}{month}{day}"


def mrz_build(
    *,
    surname: str,
    given_names: str,
    document_number: str,
    issuing_state: str,
    nationality: str,
    birth_date: Any,
    sex: str,
    expiry_date: date,
    optional_data: str = "",
    document_code: str = "P",
) -> str:
    """A valid TD3 MRZ (two lines joined by a newline); names are truncated to fit."""
    number = re.sub(r"[\s-]", "", document_number.upper())
    if not number or len(number) > 9 or not _LEGAL.match(number) or FILLER in number:
        raise ValueError("A TD3 document number is 1-9 characters from A-Z and 0-9.")
    optional = re.sub(r"[\s-]", "", optional_data.upper())
    if len(optional) > 14 or not _LEGAL.match(optional):
        raise ValueError("TD3 optional data is at most 14 characters from A-Z, 0-9 and <.")
    names = (mrz_name(surname) + "<<" + mrz_name(given_names))[:NAME_LENGTH]
    line1 = (document_code.upper().ljust(2, FILLER) + _state_for_mrz(issuing_state) + names).ljust(
        LINE_LENGTH, FILLER
    )
    number_field = number.ljust(9, FILLER)
    birth = _yymmdd(birth_date)
    expiry = _yymmdd(expiry_date)
    optional_field = optional.ljust(14, FILLER)
    optional_check = FILLER if optional_field == FILLER * 14 else check_digit(optional_field)
    sex_char = sex.upper() if sex.upper() in ("M", "F") else FILLER
    line2 = (
        number_field
        + check_digit(number_field)
        + _state_for_mrz(nationality)
        + birth
        + check_digit(birth)
        + sex_char
        + expiry
        + check_digit(expiry)
        + optional_field
        + optional_check
    )
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    return line1 + "\n" + line2
