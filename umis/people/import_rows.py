"""The rows of another system's export of persons, read and checked before anything is
written.

A row is read by the linkage's CSV reader (``umis.matching.csv_input``) with the fields
below, so ``--map`` and the row errors work as for ``link_records``. Names in Latin
script go to ``surname``, ``given_name``, ``patronymic``; names as written in the
person's documents (Cyrillic, Arabic, Georgian, ...) to the same fields with
``_native``. A row with a native name and no Latin one gets a Latin form spelt from the
native name, as a starting point for an officer.

Each row is checked with the validators ``person_create`` and ``document_add`` use, and
every field at fault is reported with the file's row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from umis.matching.csv_input import Problem, ReadResult
from umis.people.dates import PartialDate
from umis.people.fin import is_fin, normalise_fin
from umis.people.names import latin_form
from umis.people.validation import clean_document_fields, clean_person_fields

IMPORT_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "surname_native",
    "given_name_native",
    "patronymic_native",
    "birth_date",
    "sex",
    "nationality",
    "document_number",
    "document_type",
    "document_issuing_state",
    "document_expiry",
    "national_id",
    "address",
)
IMPORT_NAME_FIELDS = IMPORT_FIELDS[:6]
SOURCE_ID_MAX = 100
# The form of a document an export does not type: an officer completes it on the file.
DEFAULT_DOCUMENT_TYPE = "other"
UNSPECIFIED_STATE = "XXX"

# The file's field of each field the services name in their errors.
FIELD_OF = {
    "surname_latin": "surname",
    "given_names_latin": "given_name",
    "patronymic_latin": "patronymic",
    "surname_native": "surname_native",
    "given_names_native": "given_name_native",
    "patronymic_native": "patronymic_native",
    "birth_date": "birth_date",
    "sex": "sex",
    "nationality": "nationality",
    "address": "address",
    "type": "document_type",
    "number": "document_number",
    "issuing_state": "document_issuing_state",
    "expiry_date": "document_expiry",
    "fin": "national_id",
}
_LATIN_OF = (
    ("surname_latin", "surname_native"),
    ("given_names_latin", "given_names_native"),
    ("patronymic_latin", "patronymic_native"),
)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person as the other system knows them; any field may be empty."""

    id: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    surname_native: str = ""
    given_name_native: str = ""
    patronymic_native: str = ""
    birth_date: PartialDate | None = None
    sex: str = ""
    nationality: str = ""
    document_number: str = ""
    document_type: str = ""
    document_issuing_state: str = ""
    document_expiry: str = ""
    national_id: str = ""
    address: str = ""


@dataclass(frozen=True)
class PreparedRow:
    """What ``person_match_or_create`` is called with for one row."""

    line: int
    source_id: str
    fields: dict[str, Any]
    document: dict[str, Any] | None = None
    fin: str = ""
    latin_derived: bool = False


@dataclass
class Prepared:
    rows: list[PreparedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class ColumnNames:
    """The file's column(s) behind each field, to name in a message."""

    def __init__(self, columns: dict[str, list[str]], id_column: str) -> None:
        self.columns, self.id_column = columns, id_column

    def of(self, name: str) -> str:
        file_field = FIELD_OF.get(name, name)
        return ", ".join(self.columns.get(file_field, [])) or file_field

    def problems(self, line: int, errors: dict[str, str]) -> list[Problem]:
        return [Problem(line, self.of(name), str(message)) for name, message in errors.items()]


def _person_fields(row: PersonRow) -> tuple[dict[str, Any], bool]:
    fields: dict[str, Any] = {
        "surname_latin": row.surname,
        "given_names_latin": row.given_name,
        "patronymic_latin": row.patronymic,
        "surname_native": row.surname_native,
        "given_names_native": row.given_name_native,
        "patronymic_native": row.patronymic_native,
        "birth_date": row.birth_date,
        "sex": row.sex.strip().upper(),
        "nationality": row.nationality.strip().upper(),
        "address": row.address,
    }
    derived = False
    for latin, native in _LATIN_OF:
        if not fields[latin] and fields[native]:
            fields[latin] = latin_form(fields[native])
            derived = True
    return fields, derived


def _document(row: PersonRow, nationality: str, errors: dict[str, str]) -> dict | None:
    if not row.document_number:
        if row.document_type or row.document_issuing_state or row.document_expiry:
            errors["number"] = _("Enter the document number.")
        return None
    expiry = None
    if row.document_expiry:
        try:
            expiry = date.fromisoformat(row.document_expiry)
        except ValueError:
            errors["expiry_date"] = _("Enter the expiry date as YYYY-MM-DD.")
    state = row.document_issuing_state.strip().upper()
    if not state:
        # A stateless person's or a refugee's travel document is issued by a state the
        # export may not say.
        state = UNSPECIFIED_STATE if nationality.startswith("XX") else nationality
    return {
        "type": row.document_type.strip().lower() or DEFAULT_DOCUMENT_TYPE,
        "number": row.document_number,
        "issuing_state": state,
        "expiry_date": expiry,
    }


def prepare_row(row: PersonRow, line: int, *, names: ColumnNames, today: date) -> Any:
    """A ``PreparedRow``, or the list of the row's problems."""
    errors: dict[str, str] = {}
    if len(row.id) > SOURCE_ID_MAX:
        return [
            Problem(
                line,
                names.id_column,
                _("the id is longer than %(count)s characters") % {"count": SOURCE_ID_MAX},
            )
        ]
    fields, derived = _person_fields(row)
    _clean, person_errors = clean_person_fields(
        fields,
        required={"surname_latin", "birth_date", "sex", "nationality"},
        actor=None,
        today=today,
    )
    errors.update(person_errors)
    document = _document(row, fields["nationality"], errors)
    if document is not None:
        _clean_document, document_errors = clean_document_fields(
            **document, issue_date=None, today=today
        )
        for name, message in document_errors.items():
            errors.setdefault(name, message)
    fin = normalise_fin(row.national_id) if row.national_id else ""
    if fin and not is_fin(fin):
        errors["fin"] = _("A FIN is 7 Latin capitals and digits.")
    if errors:
        return names.problems(line, errors)
    return PreparedRow(line, row.id, fields, document, fin, derived)


def prepare_rows(read: ReadResult, *, names: ColumnNames, today: date) -> Prepared:
    prepared = Prepared()
    for row, line in zip(read.records, read.rows, strict=True):
        outcome = prepare_row(row, line, names=names, today=today)
        if isinstance(outcome, PreparedRow):
            prepared.rows.append(outcome)
        else:
            prepared.problems.extend(outcome)
    return prepared
