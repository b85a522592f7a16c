"""The person to screen, read and checked: every problem names its field, in words.

Names may come in any script, but one name written in a mix of scripts (a Cyrillic "а"
inside a Latin name) is refused: it is a typing slip or an attempt to slip past the
list, and it could not be transliterated faithfully.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.matching.birthdates import parse_birth_date
from umis.people.dates import PartialDate
from umis.people.names import APOSTROPHES, clean_name, is_native_name
from umis.people.validation import (
    EARLIEST_BIRTH_YEAR,
    NAME_MAX,
    nationality_error,
    normalise_document_number,
)
from umis.screening.keys import canonical_forms, document_indexes
from umis.screening.scoring import Person

MAX_NAMES = 4
MAX_DOCUMENTS = 4
SEXES = ("F", "M", "X")


@dataclass(frozen=True)
class ScreeningQuery:
    person: Person
    names: tuple[tuple[str, str], ...]  # as given, for the record of a hit


def _scripts(text: str) -> set[str]:
    scripts = set()
    for char in text:
        # The modifier apostrophes (Ukrainian "Пʼятаченко", Uzbek "Oʻg") are letters to
        # Unicode but belong to no script.
        if char not in APOSTROPHES and unicodedata.category(char).startswith("L"):
            scripts.add(unicodedata.name(char, "UNKNOWN").split(" ")[0])
    return scripts


def name_error(value: str, *, label: str) -> str | None:
    if len(value) > NAME_MAX:
        return _("%(field)s: at most 200 characters.") % {"field": label}
    if not is_native_name(value):
        return _("%(field)s: use letters only (spaces, hyphens and apostrophes are allowed).") % {
            "field": label
        }
    if len(_scripts(value)) > 1:
        return _(
            "%(field)s: the name mixes letters of different scripts (for example Latin and "
            "Cyrillic); write it in one script."
        ) % {"field": label}
    return None


def _birth_date(value: str | date | PartialDate | None, today: date) -> PartialDate | None:
    label = _("Date of birth")
    if value in (None, ""):
        return None
    try:
        if isinstance(value, PartialDate):
            parsed: PartialDate | None = value
        elif isinstance(value, date):
            parsed = PartialDate(value.year, value.month, value.day)
        else:
            parsed = parse_birth_date(str(value))
    except ValueError as exc:
        raise ValidationFailed({"birth_date": f"{label}: {exc}"}) from None
    assert parsed is not None
    if parsed.is_in_future(today):
        raise ValidationFailed(
            {"birth_date": _("Date of birth: the date cannot be in the future.")}
        )
    if parsed.year < EARLIEST_BIRTH_YEAR:
        raise ValidationFailed(
            {
                "birth_date": _("Date of birth: the year must be %(year)s or later.")
                % {"year": EARLIEST_BIRTH_YEAR}
            }
        )
    return parsed


def _documents(numbers: Iterable[str], errors: dict[str, str]) -> list[str]:
    cleaned = []
    for i, raw in enumerate(numbers):
        number = normalise_document_number(raw or "")
        if not number:
            continue
        if len(number) > 30 or not (number.isascii() and number.isalnum()):
            errors[f"document_numbers.{i}"] = _(
                "Document number: only Latin letters and digits, at most 30."
            )
        cleaned.append(number)
    if len(cleaned) > MAX_DOCUMENTS:
        errors["document_numbers"] = _("Document numbers: at most %(n)s.") % {"n": MAX_DOCUMENTS}
    return cleaned


def screening_query(
    *,
    names: Sequence[tuple[str, str]],
    birth_date: str | date | PartialDate | None,
    nationality: str = "",
    sex: str = "",
    document_numbers: Iterable[str] = (),
    today: date,
) -> ScreeningQuery:
    """The query, or ``ValidationFailed`` naming every field at fault."""
    errors: dict[str, str] = {}
    cleaned: list[tuple[str, str]] = []
    if len(names) > MAX_NAMES:
        errors["names"] = _("Names: at most %(n)s written forms.") % {"n": MAX_NAMES}
    for i, (surname, given) in enumerate(names[:MAX_NAMES]):
        surname, given = clean_name(surname or ""), clean_name(given or "")
        for name, value, label in (
            ("surname", surname, _("Surname")),
            ("given_names", given, _("Given names")),
        ):
            problem = name_error(value, label=str(label)) if value else None
            if problem:
                errors[f"names.{i}.{name}"] = problem
        if surname or given:
            cleaned.append((surname, given))
    if not cleaned and not any(key.startswith("names") for key in errors):
        errors["names.0.surname"] = _("Surname: enter the surname or the given names.")
    code = (nationality or "").strip().upper()
    if code:
        problem = nationality_error(code, field_label=_("Nationality"))
        if problem:
            errors["nationality"] = problem
    sex = (sex or "").strip().upper()
    if sex and sex not in SEXES:
        errors["sex"] = _("Sex: choose F, M or X.")
    documents = _documents(document_numbers, errors)
    try:
        born = _birth_date(birth_date, today)
    except ValidationFailed as exc:
        errors.update(exc.fields)
        born = None
    if errors:
        raise ValidationFailed(errors)
    forms = canonical_forms(cleaned)
    if not forms:
        raise ValidationFailed(
            {"names.0.surname": _("Surname: the name has no letters that can be compared.")}
        )
    person = Person(
        forms=tuple(forms),
        birth_date=born,
        nationality=code,
        sex=sex,
        document_indexes=frozenset(document_indexes(documents)),
    )
    return ScreeningQuery(person=person, names=tuple(cleaned))
