"""The records linkage compares: the registry's fields of a person, prepared once.

A ``Record`` is what a caller hands over (from a CSV file, from the registry, from an
application). ``prepare`` turns a list of them into columns: every value normalised
once (name tokens in ASCII, sound keys, birth dates split into year, month and day,
document numbers reduced to letters and digits) and every text column factorised into
integer codes, so comparisons and blocking work on numpy arrays and compare each
distinct value pair once rather than each record pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from umis.matching.normalise import canonical_name, name_key, phonetic_key
from umis.people.dates import PartialDate

# The registry's fields a record may carry, in the order the command's help lists them.
FIELDS = (
    "given_name",
    "surname",
    "patronymic",
    "full_name",
    "birth_date",
    "sex",
    "nationality",
    "document_number",
    "address",
    "locality",
    "postcode",
    "national_id",
)
NAME_FIELDS = ("given_name", "surname", "patronymic", "full_name")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Record:
    """One person as a source knows them; any field may be empty."""

    id: str
    given_name: str = ""
    surname: str = ""
    patronymic: str = ""
    full_name: str = ""
    birth_date: PartialDate | None = None
    sex: str = ""
    nationality: str = ""
    document_number: str = ""
    address: str = ""
    locality: str = ""
    postcode: str = ""
    national_id: str = ""


def clean_identifier(text: str) -> str:
    """A document or national number as letters and digits only ('AB 12-34' -> 'AB1234')."""
    return _NOT_ALNUM.sub("", (text or "").upper())


def clean_text(text: str) -> str:
    """Addresses and places: lowercase, single spaces."""
    return _SPACES.sub(" ", (text or "").lower()).strip()


def clean_code(text: str) -> str:
    """Sex and nationality codes: upper case, trimmed."""
    return (text or "").strip().upper()


@dataclass
class Column:
    """One field of every record: integer codes (-1 when empty) into ``values``."""

    codes: np.ndarray
    values: list[str]

    @property
    def present(self) -> bool:
        return bool((self.codes >= 0).any())


def factorise(strings: Sequence[str], index: dict[str, int] | None = None) -> Column:
    """Codes for the given strings; an ``index`` shared between two sets of records
    gives equal strings equal codes on both sides."""
    index = {} if index is None else index
    codes = np.empty(len(strings), dtype=np.int32)
    for position, text in enumerate(strings):
        if not text:
            codes[position] = -1
            continue
        code = index.get(text)
        if code is None:
            code = index[text] = len(index)
        codes[position] = code
    values = [""] * len(index)
    for text, code in index.items():
        values[code] = text
    return Column(codes, values)


@dataclass
class Prepared:
    """A set of records as columns (see the module's docstring)."""

    ids: list[str]
    columns: dict[str, Column] = field(default_factory=dict)
    # Birth dates: year, month, day with 0 for unknown parts; year 0 when no date.
    year: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))
    month: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, name: str) -> Column:
        return self.columns[name]

    def has(self, name: str) -> bool:
        if name == "birth_date":
            return bool((self.year > 0).any())
        return name in self.columns and self.columns[name].present


def _first_sound(name: str) -> str:
    tokens = name.split(" ")
    return phonetic_key(tokens[0]) if tokens and tokens[0] else ""


def _sorted_sounds(*names: str) -> str:
    sounds = sorted({phonetic_key(token) for name in names for token in name.split(" ") if token})
    return " ".join(sounds)


def _strings(records: Sequence[Record]) -> dict[str, list[str]]:
    """Every column's normalised strings, including the derived keys blocking uses."""
    out: dict[str, list[str]] = {
        name: []
        for name in (
            *NAME_FIELDS,
            "sex",
            "nationality",
            "document_number",
            "national_id",
            "address",
            "locality",
            "postcode",
            "given_sound",
            "surname_sound",
            "name_sounds",
            "name_key",
            "birth_date_key",
            "birth_year",
        )
    }
    for record in records:
        given = canonical_name(record.given_name)
        surname = canonical_name(record.surname)
        full = canonical_name(record.full_name) or " ".join(t for t in (given, surname) if t)
        out["given_name"].append(given)
        out["surname"].append(surname)
        out["patronymic"].append(canonical_name(record.patronymic))
        out["full_name"].append(canonical_name(record.full_name))
        out["sex"].append(clean_code(record.sex))
        out["nationality"].append(clean_code(record.nationality))
        out["document_number"].append(clean_identifier(record.document_number))
        out["national_id"].append(clean_identifier(record.national_id))
        out["address"].append(clean_text(record.address))
        out["locality"].append(clean_text(record.locality))
        out["postcode"].append(clean_identifier(record.postcode))
        out["given_sound"].append(_first_sound(given))
        out["surname_sound"].append(_first_sound(surname))
        out["name_sounds"].append(_sorted_sounds(full))
        out["name_key"].append(name_key(full))
        birth = record.birth_date
        out["birth_date_key"].append(birth.iso() if birth and birth.day else "")
        out["birth_year"].append(str(birth.year) if birth else "")
    return out


def prepare(records: Sequence[Record]) -> Prepared:
    return prepare_pair(records, None)[0]


def prepare_pair(
    left: Sequence[Record], right: Sequence[Record] | None
) -> tuple[Prepared, Prepared | None]:
    """Both sides of a linkage with shared codes: equal values get equal codes."""
    sides = [left] if right is None else [left, right]
    strings = [_strings(records) for records in sides]
    prepared = [Prepared(ids=[record.id for record in records]) for records in sides]
    for name in strings[0]:
        index: dict[str, int] = {}
        for side, columns in zip(prepared, strings, strict=True):
            side.columns[name] = factorise(columns[name], index)
        # Both sides see every value, so either side's list decodes either side's codes.
        for side in prepared:
            side.columns[name].values = prepared[-1].columns[name].values
    for side, records in zip(prepared, sides, strict=True):
        side.year = np.array([r.birth_date.year if r.birth_date else 0 for r in records], np.int16)
        side.month = np.array(
            [(r.birth_date.month or 0) if r.birth_date else 0 for r in records], np.int8
        )
        side.day = np.array(
            [(r.birth_date.day or 0) if r.birth_date else 0 for r in records], np.int8
        )
    return prepared[0], (prepared[1] if right is not None else None)
