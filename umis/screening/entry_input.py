"""What an officer or the border system's list gives for a watch-list entry, checked.

Every problem names its field; all of them are reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.matching.birthdates import parse_birth_date
from umis.people.dates import PartialDate
from umis.people.names import clean_name, is_latin_name
from umis.people.validation import (
    EARLIEST_BIRTH_YEAR,
    has_control_characters,
    nationality_error,
    normalise_document_number,
)
from umis.screening.models import EntrySource, ListKind
from umis.screening.query import SEXES, name_error

REASON_MAX = 2000
REFERENCE_MAX = 64
MAX_DOCUMENTS = 10


@dataclass
class EntryInput:
    list_kind: str
    reason: str
    source: str
    valid_from: date | None
    valid_until: date | None = None
    surname_native: str = ""
    given_names_native: str = ""
    surname_latin: str = ""
    given_names_latin: str = ""
    birth_date: str | PartialDate | None = None
    sex: str = ""
    nationality: str = ""
    document_numbers: list[str] = field(default_factory=list)
    source_reference: str = ""


@dataclass(frozen=True)
class CleanEntry:
    values: dict[str, object]  # model fields
    document_numbers: list[str]


def _names(data: EntryInput, errors: dict[str, str]) -> dict[str, str]:
    labels = {
        "surname_native": _("Surname (native script)"),
        "given_names_native": _("Given names (native script)"),
        "surname_latin": _("Surname (Latin script)"),
        "given_names_latin": _("Given names (Latin script)"),
    }
    names = {}
    for name, label in labels.items():
        value = clean_name(getattr(data, name) or "")
        problem = name_error(value, label=str(label)) if value else None
        if not problem and value and name.endswith("_latin") and not is_latin_name(value):
            problem = _("%(field)s: use Latin letters only.") % {"field": label}
        if problem:
            errors[name] = problem
        names[name] = value
    if not any(names.values()) and not any(k in errors for k in labels):
        errors["surname_latin"] = _("Enter the surname or the given names, in any script.")
    return names


def _birth(value: str | PartialDate | None, today: date, errors: dict[str, str]) -> dict:
    empty = {"birth_year": None, "birth_month": None, "birth_day": None}
    try:
        born = value if isinstance(value, PartialDate) else parse_birth_date(value or "")
    except ValueError as exc:
        errors["birth_date"] = f"{_('Date of birth')}: {exc}"
        return empty
    if born is None:
        return empty
    if born.is_in_future(today):
        errors["birth_date"] = _("Date of birth: the date cannot be in the future.")
    elif born.year < EARLIEST_BIRTH_YEAR:
        errors["birth_date"] = _("Date of birth: the year must be %(year)s or later.") % {
            "year": EARLIEST_BIRTH_YEAR
        }
    return {"birth_year": born.year, "birth_month": born.month, "birth_day": born.day}


def _documents(numbers: list[str], errors: dict[str, str]) -> list[str]:
    cleaned = []
    for raw in numbers:
        number = normalise_document_number(raw or "")
        if not number:
            continue
        if len(number) > 30 or not (number.isascii() and number.isalnum()):
            errors["document_numbers"] = _(
                "Document numbers: only Latin letters and digits, at most 30 each."
            )
        elif number not in cleaned:
            cleaned.append(number)
    if len(cleaned) > MAX_DOCUMENTS:
        errors["document_numbers"] = _("Document numbers: at most %(n)s.") % {"n": MAX_DOCUMENTS}
    return cleaned


def clean_entry(data: EntryInput, *, today: date) -> CleanEntry:
    errors: dict[str, str] = {}
    values: dict[str, object] = {**_names(data, errors), **_birth(data.birth_date, today, errors)}
    if data.list_kind not in ListKind.values:
        errors["list_kind"] = _("List: choose entry ban or wanted person.")
    if data.source not in EntrySource.values:
        errors["source"] = _("Source: choose where the entry comes from.")
    reason = (data.reason or "").strip()
    if not reason:
        errors["reason"] = _("Reason: enter the reason for the entry.")
    elif len(reason) > REASON_MAX or has_control_characters(reason, allow_newlines=True):
        errors["reason"] = _("Reason: at most 2000 characters of text.")
    sex = (data.sex or "").strip().upper()
    if sex and sex not in SEXES:
        errors["sex"] = _("Sex: choose F, M or X.")
    code = (data.nationality or "").strip().upper()
    if code and (problem := nationality_error(code, field_label=_("Nationality"))):
        errors["nationality"] = problem
    if data.valid_from is None:
        errors["valid_from"] = _("Valid from: enter the first day of validity.")
    elif data.valid_until is not None and data.valid_until < data.valid_from:
        errors["valid_until"] = _("Valid until: the last day cannot be before the first.")
    reference = (data.source_reference or "").strip()
    if len(reference) > REFERENCE_MAX:
        errors["source_reference"] = _("Reference in the source: at most 64 characters.")
    documents = _documents(data.document_numbers, errors)
    if errors:
        raise ValidationFailed(errors)
    values.update(
        list_kind=data.list_kind,
        reason=reason,
        source=data.source,
        source_reference=reference,
        sex=sex,
        nationality=code,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
    )
    return CleanEntry(values=values, document_numbers=documents)
