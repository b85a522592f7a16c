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
SOUNDED_FIELDS = ("given_name", "surname", "patronymic")  # compared by sound as well
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


def _sounds(name: str) -> str:
    """The sound keys of a name's tokens in order: one name written in two scripts or two
    spellings ("Khasan", "حسن") mostly shares them where its letters do not."""
    return " ".join(phonetic_key(token) for token in name.split(" ") if token)


def _sorted_sounds(*names: str) -> str:
    sounds = sorted({phonetic_key(token) for name in names for token in name.split(" ") if token})
    return " ".join(sounds)


def _each(values: Sequence, function) -> list[str]:
    """``function`` of each value, computed once per distinct value (names, places and
    codes repeat: a registry has far fewer distinct values than records)."""
    done = {value: function(value) for value in set(values)}
    return [done[value] for value in values]


def _birth_date_key(birth: PartialDate | None) -> str:
    return birth.iso() if birth and birth.day else ""


def _birth_day_month(birth: PartialDate | None) -> str:
    """Month and day without the year: a year mistyped or off by one keeps them."""
    return f"{birth.month:02d}-{birth.day:02d}" if birth and birth.day and birth.month else ""


def _birth_year(birth: PartialDate | None) -> str:
    return str(birth.year) if birth else ""


def _strings(records: Sequence[Record]) -> dict[str, list[str]]:
    """Every column's normalised strings, including the derived keys blocking uses."""

    def raw(name: str) -> list:
        return [getattr(record, name) for record in records]

    out = {name: _each(raw(name), canonical_name) for name in NAME_FIELDS}
    # Without a full name, the given name and surname stand for it in the name keys.
    full = [
        written or " ".join(part for part in (given, surname) if part)
        for written, given, surname in zip(
            out["full_name"], out["given_name"], out["surname"], strict=True
        )
    ]
    for name in ("sex", "nationality"):
        out[name] = _each(raw(name), clean_code)
    for name in ("document_number", "national_id", "postcode"):
        out[name] = _each(raw(name), clean_identifier)
    for name in ("address", "locality"):
        out[name] = _each(raw(name), clean_text)
    for name in SOUNDED_FIELDS:
        out[f"{name}_sounds"] = _each(out[name], _sounds)
    out["given_sound"] = _each(out["given_name"], _first_sound)
    out["surname_sound"] = _each(out["surname"], _first_sound)
    out["name_sounds"] = _each(full, _sorted_sounds)
    out["name_key"] = _each(full, name_key)
    births = raw("birth_date")
    out["birth_date_key"] = _each(births, _birth_date_key)
    out["birth_year"] = _each(births, _birth_year)
    out["birth_day_month"] = _each(births, _birth_day_month)
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
