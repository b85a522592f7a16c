"""Records from a CSV file whose header names the columns.

Columns map onto the registry's fields (``--map FIELD=COLUMN,...``; a column already
named like a field needs no mapping; ``FIELD=A+B`` joins two columns with a space, as
a street number and a street name). What a person can fix in the file is reported with
its row (the line in the file) and column:

- refused outright: a file that is not UTF-8, a mapped column the header lacks, no
  column mapped to any field;
- a malformed row (a wrong number of cells, an empty or repeated id, a name mixing
  scripts) refuses the file, or is reported and skipped when the caller asks for it;
- kept with a warning: a record with no name, an impossible or unreadable birth date
  (read as unknown): the record still links on its other fields. A caller that cannot
  use a record without its date (``strict_dates``) has such a row treated as malformed.

The fields and the record type default to linkage's; another reader of person rows (the
import of person files) passes its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from umis.matching.birthdates import parse_birth_date
from umis.matching.records import FIELDS, NAME_FIELDS, Record
from umis.matching.scripts import scripts_of
from umis.people.dates import PartialDate


class InputError(Exception):
    """The file cannot be read as asked; the message says where and why."""


@dataclass(frozen=True)
class Problem:
    row: int  # line number in the file (the header is line 1)
    column: str  # the file's column name, or "" for the whole row
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ReadResult:
    records: list[Any]  # Record, or the caller's record type
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the line of each record in the file
    columns: dict[str, list[str]] = field(default_factory=dict)  # field -> its columns


class _BadRow(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def parse_mapping(text: str, *, fields: Sequence[str] = FIELDS) -> dict[str, list[str]]:
    """'birth_date=date_of_birth,address=street_number+address_1' -> field: columns."""
    mapping: dict[str, list[str]] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        name, sep, columns = item.partition("=")
        name = name.strip()
        if not sep or not columns.strip():
            raise InputError(_("--map: '%(item)s' is not FIELD=COLUMN.") % {"item": item.strip()})
        if name not in fields:
            raise InputError(
                _("--map: '%(field)s' is not a field; the fields are: %(fields)s.")
                % {"field": name, "fields": ", ".join(fields)}
            )
        mapping[name] = [column.strip() for column in columns.split("+") if column.strip()]
    return mapping


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            _("%(file)s cannot be read: %(reason)s") % {"file": path, "reason": error.strerror}
        ) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            _(
                "%(file)s is not UTF-8 text: row %(row)s has a byte (0x%(byte)02x) UTF-8 does "
                "not allow. Save the file as UTF-8 and try again."
            )
            % {"file": path.name, "row": line, "byte": data[error.start]}
        ) from error


def _columns_for(
    header: list[str], mapping: dict[str, list[str]], path: Path, fields: Sequence[str]
) -> dict:
    """Field -> positions of its columns in the header."""
    positions = {name: index for index, name in enumerate(header)}
    chosen: dict[str, list[int]] = {}
    for name in fields:
        columns = mapping.get(name) or ([name] if name in positions else [])
        for column in columns:
            if column not in positions:
                raise InputError(
                    _(
                        "%(file)s has no column '%(column)s' (mapped to %(field)s); its "
                        "columns are: %(columns)s."
                    )
                    % {
                        "file": path.name,
                        "column": column,
                        "field": name,
                        "columns": ", ".join(header),
                    }
                )
        if columns:
            chosen[name] = [positions[column] for column in columns]
    if not chosen:
        raise InputError(
            _("%(file)s has no column for any field (%(fields)s); name them with --map.")
            % {"file": path.name, "fields": ", ".join(fields)}
        )
    return chosen


def read_records(
    path: Path,
    *,
    id_column: str = "id",
    mapping: dict[str, list[str]] | None = None,
    skip_bad_rows: bool = False,
    fields: Sequence[str] = FIELDS,
    name_fields: Sequence[str] = NAME_FIELDS,
    make: Callable[..., Any] = Record,
    strict_dates: bool = False,
) -> ReadResult:
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True)
    header = [name.strip() for name in next(reader, [])]
    if not header:
        raise InputError(_("%(file)s is empty: it needs a header row.") % {"file": path.name})
    if id_column not in header:
        raise InputError(
            _(
                "%(file)s has no id column '%(column)s'; name it with --id. Its columns are: "
                "%(columns)s."
            )
            % {"file": path.name, "column": id_column, "columns": ", ".join(header)}
        )
    id_position = header.index(id_column)
    chosen = _columns_for(header, mapping or {}, path, fields)
    result = ReadResult(
        records=[],
        columns={name: [header[p] for p in positions] for name, positions in chosen.items()},
    )
    shape = _Shape(header, chosen, name_fields, make, strict_dates)
    seen: set[str] = set()
    # Names, dates and codes repeat across rows: each distinct text is checked once.
    scripts: dict[str, frozenset[str]] = {}
    dates: dict[str, PartialDate | None | ValueError] = {}
    try:
        for cells in reader:
            row = reader.line_num
            if not "".join(cells).strip():
                continue  # a blank line
            problem = _malformed(cells, row, shape, id_position, seen, scripts)
            record = None
            if problem is None:
                try:
                    record = _record(cells[id_position].strip(), cells, row, shape, result, dates)
                except _BadRow as bad:
                    problem = bad.problem
            if problem is not None:
                if not skip_bad_rows:
                    raise InputError(
                        _("%(problem)s. Fix the row, or pass --skip-bad-rows to skip such rows.")
                        % {"problem": problem}
                    )
                result.skipped.append(problem)
                continue
            seen.add(cells[id_position].strip())
            result.records.append(record)
            result.rows.append(row)
    except csv.Error as error:
        raise InputError(
            _("%(file)s, row %(row)s: %(reason)s")
            % {"file": path.name, "row": reader.line_num, "reason": error}
        ) from error
    return result


@dataclass(frozen=True)
class _Shape:
    """What a row is read into: the header, the chosen columns, the record type."""

    header: list[str]
    chosen: dict[str, list[int]]
    name_fields: Sequence[str]
    make: Callable[..., Any]
    strict_dates: bool


def _malformed(cells, row, shape: _Shape, id_position, seen, known) -> Problem | None:
    header, chosen = shape.header, shape.chosen
    if len(cells) != len(header):
        return Problem(
            row,
            "",
            _("%(found)s cells where the header has %(expected)s")
            % {"found": len(cells), "expected": len(header)},
        )
    record_id = cells[id_position].strip()
    if not record_id:
        return Problem(row, header[id_position], _("the id is empty"))
    if record_id in seen:
        return Problem(row, header[id_position], _("the id %(id)s is repeated") % {"id": record_id})
    for name in shape.name_fields:
        for position in chosen.get(name, []):
            text = cells[position]
            scripts = known.get(text)
            if scripts is None:
                scripts = known[text] = scripts_of(text)
            if len(scripts) > 1:
                return Problem(
                    row,
                    header[position],
                    _("the name '%(name)s' mixes scripts (%(scripts)s)")
                    % {"name": cells[position].strip(), "scripts": ", ".join(sorted(scripts))},
                )
    return None


def _value(cells: list[str], positions: list[int]) -> str:
    if len(positions) == 1:
        return cells[positions[0]].strip()
    return " ".join(part for part in (cells[p].strip() for p in positions) if part)


def _birth_date(text: str, known: dict) -> PartialDate | None:
    """The date a text means (raises ValueError), parsed once per distinct text."""
    found = known.get(text)
    if found is None:
        try:
            found = known[text] = parse_birth_date(text)
        except ValueError as error:
            found = known[text] = error
    if isinstance(found, ValueError):
        raise found
    return found


def _record(record_id, cells, row, shape: _Shape, result: ReadResult, dates) -> Any:
    header, chosen = shape.header, shape.chosen
    values = {name: _value(cells, positions) for name, positions in chosen.items()}
    names_present = [name for name in shape.name_fields if name in chosen]
    if names_present and not any(values[name] for name in names_present):
        columns = ", ".join(header[p] for name in names_present for p in chosen[name])
        result.warnings.append(
            Problem(row, columns, _("no name; the record is compared on its other fields"))
        )
    birth_date = None
    if values.get("birth_date"):
        try:
            birth_date = _birth_date(values["birth_date"], dates)
        except ValueError as error:
            column = ", ".join(header[p] for p in chosen["birth_date"])
            if shape.strict_dates:
                raise _BadRow(
                    Problem(
                        row,
                        column,
                        _("'%(value)s' is not a date (%(reason)s)")
                        % {"value": values["birth_date"], "reason": error},
                    )
                ) from error
            result.warnings.append(
                Problem(
                    row,
                    column,
                    _("'%(value)s' is not a date (%(reason)s); read as unknown")
                    % {"value": values["birth_date"], "reason": error},
                )
            )
    values["birth_date"] = birth_date
    return shape.make(id=record_id, **values)
