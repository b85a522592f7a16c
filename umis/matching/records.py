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
from operator import attrgetter

import numpy as np

from umis.matching.normalise import canonical_name, canonical_sounds, phonetic_key
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


def _sorted_sounds(*names: str) -> str:
    sounds = sorted({phonetic_key(token) for name in names for token in name.split(" ") if token})
    return " ".join(sounds)


def _raw_codes(values: Sequence) -> tuple[np.ndarray, list]:
    """Codes of each value and the distinct values in order of first sight (one pass in
    Python over the records; everything after it runs per distinct value)."""
    # dict.fromkeys and map run in C: no Python bytecode per record.
    distinct = list(dict.fromkeys(values))
    index = dict(zip(distinct, range(len(distinct)), strict=True))
    return np.fromiter(map(index.__getitem__, values), np.int64, len(values)), distinct


def _derived(raw: tuple[np.ndarray, list], function) -> Column:
    """The column of ``function`` of each raw value, computed once per distinct value
    (names, places and codes repeat: a registry has far fewer distinct values than
    records). An empty result is a missing value (code -1)."""
    codes, distinct = raw
    return _factorised([function(value) if value else "" for value in distinct], codes)


def _factorised(strings: list[str], positions: np.ndarray) -> Column:
    """``strings[positions]`` as a column, without building that list."""
    column = factorise(strings)
    return Column(column.codes[positions] if len(positions) else column.codes[:0], column.values)


def _birth_date_key(birth: PartialDate | None) -> str:
    return birth.iso() if birth and birth.day else ""


def _birth_day_month(birth: PartialDate | None) -> str:
    """Month and day without the year: a year mistyped or off by one keeps them."""
    return f"{birth.month:02d}-{birth.day:02d}" if birth and birth.day and birth.month else ""


def _birth_year(birth: PartialDate | None) -> str:
    return str(birth.year) if birth else ""


def _full_names(columns: dict[str, Column]) -> tuple[np.ndarray, list[str]]:
    """Each record's full name for the name keys: the full name as written, else the
    given name and surname. Computed per distinct triple of codes."""
    parts = [columns[name] for name in ("full_name", "given_name", "surname")]
    # The three codes as one integer (1-d unique is far faster than rows), decoded back.
    widths = [len(column.values) + 1 for column in parts]
    combined = np.zeros(len(parts[0].codes), dtype=np.int64)
    for column, width in zip(parts, widths, strict=True):
        combined = combined * width + (column.codes.astype(np.int64) + 1)
    distinct, inverse = np.unique(combined, return_inverse=True)
    triples = np.empty((len(distinct), 3), dtype=np.int64)
    for position in (2, 1, 0):
        triples[:, position] = distinct % widths[position] - 1
        distinct = distinct // widths[position]

    def text(column: Column, code: int) -> str:
        return column.values[code] if code >= 0 else ""

    names = []
    for full, given, surname in triples.tolist():
        written = text(parts[0], full)
        pair = (text(parts[1], given), text(parts[2], surname))
        names.append(written or " ".join(part for part in pair if part))
    return inverse.ravel(), names


def _columns(records: Sequence[Record]) -> dict[str, Column]:
    """Every column, including the derived keys blocking uses."""

    def raw(name: str) -> tuple[np.ndarray, list]:
        return _raw_codes(list(map(attrgetter(name), records)))

    out: dict[str, Column] = {}
    for name in NAME_FIELDS:
        codes, distinct = raw(name)
        out[name] = _derived((codes, distinct), canonical_name)
        if name in SOUNDED_FIELDS:
            canonical = (out[name].codes, out[name].values)
            out[f"{name}_sounds"] = _derived(_with_missing(canonical), canonical_sounds)
    for name, clean in (
        ("sex", clean_code),
        ("nationality", clean_code),
        ("document_number", clean_identifier),
        ("national_id", clean_identifier),
        ("postcode", clean_identifier),
        ("address", clean_text),
        ("locality", clean_text),
    ):
        out[name] = _derived(raw(name), clean)
    out["given_sound"] = _derived(_with_missing(_pair(out["given_name"])), _first_sound)
    out["surname_sound"] = _derived(_with_missing(_pair(out["surname"])), _first_sound)
    full = _full_names(out)
    out["name_sounds"] = _factorised([_sorted_sounds(name) for name in full[1]], full[0])
    births = raw("birth_date")
    out["birth_date_key"] = _derived(births, _birth_date_key)
    out["birth_year"] = _derived(births, _birth_year)
    out["birth_day_month"] = _derived(births, _birth_day_month)
    return out


def _pair(column: Column) -> tuple[np.ndarray, list[str]]:
    return column.codes, column.values


def _with_missing(raw: tuple[np.ndarray, list[str]]) -> tuple[np.ndarray, list[str]]:
    """Codes with -1 for missing pointing at an extra empty value, for ``_derived``."""
    codes, values = raw
    return np.where(codes >= 0, codes, len(values)), [*values, ""]


def prepare(records: Sequence[Record]) -> Prepared:
    return prepare_pair(records, None)[0]


def prepare_pair(
    left: Sequence[Record], right: Sequence[Record] | None
) -> tuple[Prepared, Prepared | None]:
    """Both sides of a linkage with shared codes: equal values get equal codes (the two
    sides are prepared as one list and split)."""
    records = list(left) if right is None else [*left, *right]
    columns = _columns(records)
    births = _raw_codes([record.birth_date for record in records])
    parts = [
        np.array([getattr(birth, part) or 0 if birth else 0 for birth in births[1]], np.int16)
        for part in ("year", "month", "day")
    ]
    year, month, day = (values[births[0]] if len(records) else values[:0] for values in parts)
    bounds = [(0, len(left))] if right is None else [(0, len(left)), (len(left), len(records))]
    prepared = []
    for start, stop in bounds:
        side = Prepared(ids=[record.id for record in records[start:stop]])
        side.columns = {
            name: Column(column.codes[start:stop], column.values)
            for name, column in columns.items()
        }
        side.year = year[start:stop]
        side.month = month[start:stop].astype(np.int8)
        side.day = day[start:stop].astype(np.int8)
        prepared.append(side)
    return prepared[0], (prepared[1] if right is not None else None)
