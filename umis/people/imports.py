"""Importing another system's persons: each row linked to the file that is surely them, or
made a new file flagged against the files it may repeat (``person_match_or_create``).

Rows are written in batches, one transaction each: a failure loses at most the batch it
happened in. Every row imported is recorded as a ``PersonSourceRecord`` (the source and
the row's id there) in the same transaction, and is looked up there first; so a second
run of the same file, or a run after a failure, links each row already imported to its
file and goes on with the rest. Rows the source changed since are not updated: an officer
changes a file, not an import.

The audit log gets the usual entries of each file created or linked (``person.create``,
``person.match_link``, with ``found_by`` "import:<source>"), and one ``person.import``
entry for the run: the source, the file's SHA-256 digest and the counts, never a name.
"""

from __future__ import annotations

import getpass
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from umis.audit.services import audit_record, audited_block
from umis.core.errors import ValidationFailed
from umis.matching.csv_input import Problem
from umis.people.import_rows import ColumnNames, PreparedRow
from umis.people.models import Person, PersonSourceRecord, PotentialDuplicate
from umis.people.resolution import person_match_or_create

BATCH_SIZE = 200
_SOURCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$")


def source_error(source: str) -> str | None:
    if _SOURCE.match(source or ""):
        return None
    return _(
        "--source must be 1 to 50 Latin letters, digits, dots, hyphens or underscores, "
        "starting with a letter or digit."
    )


@dataclass
class ImportCounts:
    created: int = 0
    linked: int = 0  # to a file on record that is surely the same person
    already_imported: int = 0  # recognised by the source and id of an earlier import
    flagged: int = 0  # potential duplicates raised against the files created
    latin_derived: int = 0  # files whose Latin names were spelt from the native ones
    skipped: list[Problem] = field(default_factory=list)

    def add(self, other: ImportCounts) -> None:
        self.created += other.created
        self.linked += other.linked
        self.already_imported += other.already_imported
        self.flagged += other.flagged
        self.latin_derived += other.latin_derived
        self.skipped.extend(other.skipped)

    @property
    def skipped_rows(self) -> int:
        return len({problem.row for problem in self.skipped})


class RowRefused(Exception):
    """A row could not be written and bad rows are not to be skipped; the batch it was in
    is rolled back, the batches before it stay."""

    def __init__(self, problems: list[Problem], done: ImportCounts) -> None:
        super().__init__(str(problems[0]))
        self.problems, self.done = problems, done


class _DryRun(Exception):
    pass


def _operator() -> str:
    """The account the command runs under: staff run imports on the server."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return ""


def _import_row(row: PreparedRow, source: str, counts: ImportCounts) -> Person | None:
    """The row's file; a new one is returned (for counting its flags), else None."""
    if PersonSourceRecord.objects.filter(source=source, source_id=row.source_id).exists():
        # The file made or found then (or the file it was merged into since).
        counts.already_imported += 1
        return None
    person, created = person_match_or_create(
        actor=None,
        found_by=f"import:{source}",
        document=row.document,
        fin=row.fin,
        **row.fields,
    )
    PersonSourceRecord.objects.create(source=source, source_id=row.source_id, person=person)
    if created:
        counts.created += 1
        counts.latin_derived += row.latin_derived
        return person
    counts.linked += 1
    return None


def _batch(
    rows: list[PreparedRow],
    *,
    source: str,
    names: ColumnNames,
    skip_bad_rows: bool,
    done: ImportCounts,
    progress: Callable[[int], None],
) -> ImportCounts:
    counts = ImportCounts()
    created: list[int] = []
    for row in rows:
        try:
            # A savepoint per row: a row refused at write time (a FIN already issued to
            # another file, say) undoes only its own changes and audit entries.
            with transaction.atomic(), audited_block():
                person = _import_row(row, source, counts)
        except ValidationFailed as error:
            problems = names.problems(row.line, error.fields) or [
                Problem(row.line, "", error.message)
            ]
            if not skip_bad_rows:
                raise RowRefused(problems, done) from None
            counts.skipped.extend(problems)
        else:
            if person is not None:
                created.append(person.pk)
        progress(1)
    if created:
        counts.flagged = PotentialDuplicate.objects.filter(
            Q(first_id__in=created) | Q(second_id__in=created)
        ).count()
    return counts


def _batches(rows: list[PreparedRow], size: int) -> Iterable[list[PreparedRow]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def persons_import(
    *,
    rows: list[PreparedRow],
    source: str,
    names: ColumnNames,
    skip_bad_rows: bool = False,
    dry_run: bool = False,
    batch_size: int | None = None,
    progress: Callable[[int], None] = lambda done: None,
) -> ImportCounts:
    """Import the prepared rows; with ``dry_run`` the same work is done and rolled back,
    so the counts are what a real run would give now, and nothing is written."""
    done = ImportCounts()
    options = {"source": source, "names": names, "skip_bad_rows": skip_bad_rows, "done": done}
    if not dry_run:
        for batch in _batches(rows, batch_size or BATCH_SIZE):
            with audited_block():
                counts = _batch(batch, progress=progress, **options)
            done.add(counts)
        return done
    try:
        # One block, never committed: its audit entries are never appended, so the
        # audit log's lock is not held while it runs.
        with audited_block():
            for batch in _batches(rows, batch_size or BATCH_SIZE):
                done.add(_batch(batch, progress=progress, **options))
            raise _DryRun
    except _DryRun:
        pass
    return done


def import_run_record(
    *,
    source: str,
    digest: str,
    rows_read: int,
    counts: ImportCounts,
    outcome: str = "success",
) -> None:
    """The run's own audit entry: who ran it, on which file (its digest), with what result."""
    with transaction.atomic():
        audit_record(
            action="person.import",
            target_type="import",
            target_id=source,
            outcome=outcome,
            details={
                "source": source,
                "file_sha256": digest,
                "run_by": _operator(),
                "rows_read": rows_read,
                "created": counts.created,
                "linked": counts.linked,
                "already_imported": counts.already_imported,
                "flagged": counts.flagged,
                "skipped": counts.skipped_rows,
            },
        )
