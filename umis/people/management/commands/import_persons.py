"""Put another system's persons on record from its CSV export (see umis.people.imports)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.matching.csv_input import InputError, Problem, parse_mapping, read_records
from umis.people.import_rows import (
    IMPORT_FIELDS,
    IMPORT_NAME_FIELDS,
    ColumnNames,
    PersonRow,
    prepare_rows,
)
from umis.people.imports import (
    ImportCounts,
    RowRefused,
    import_run_record,
    persons_import,
    source_error,
)

SHOWN_PROBLEMS = 20  # the rest are counted


class Command(BaseCommand):
    help = (
        "Import persons from another system's CSV export: each row is linked to the file "
        "that is surely that person, or made a new file flagged against the files it may "
        "repeat. Importing the same file again changes nothing. Fields: "
        + ", ".join(IMPORT_FIELDS)
        + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="the CSV file (UTF-8) to import")
        parser.add_argument(
            "--source", required=True, help="the system the file comes from, e.g. legacy-registry"
        )
        parser.add_argument("--id", default="id", help="the record id column (default: id)")
        parser.add_argument(
            "--map",
            default="",
            help="FIELD=COLUMN,... (FIELD=A+B joins two columns); a column named like a "
            "field needs no mapping, other columns are ignored",
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="report and skip rows that cannot make a person file instead of refusing",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would happen; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["source"]
        problem = source_error(source)
        if problem:
            raise CommandError(problem)
        path = Path(options["input"])
        skip = options["skip_bad_rows"]
        try:
            mapping = parse_mapping(options["map"], fields=IMPORT_FIELDS)
            read = read_records(
                path,
                id_column=options["id"],
                mapping=mapping,
                skip_bad_rows=skip,
                fields=IMPORT_FIELDS,
                name_fields=IMPORT_NAME_FIELDS,
                make=PersonRow,
                strict_dates=True,
            )
        except InputError as error:
            raise CommandError(str(error)) from error
        names = ColumnNames(read.columns, options["id"])
        prepared = prepare_rows(read, names=names, today=timezone.localdate())
        if prepared.problems and not skip:
            self._show(path, prepared.problems, _("refused"))
            raise CommandError(
                _(
                    "%(count)s rows cannot make a person file; nothing was imported. Fix them, "
                    "or pass --skip-bad-rows to skip such rows."
                )
                % {"count": len({p.row for p in prepared.problems})}
            )
        rows_read = len(read.records) + len({p.row for p in read.skipped})
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        counts = self._run(path, prepared.rows, source, names, options, rows_read, digest)
        counts.skipped[:0] = [*read.skipped, *prepared.problems]
        self._show(path, counts.skipped, _("skipped"))
        if not options["dry_run"]:
            import_run_record(source=source, digest=digest, rows_read=rows_read, counts=counts)
        self._summary(rows_read, counts, options["dry_run"])

    def _run(self, path, rows, source, names, options, rows_read, digest) -> ImportCounts:
        from tqdm import tqdm

        bar = tqdm(
            total=len(rows),
            unit=" rows",
            desc=_("importing"),
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
        )
        try:
            return persons_import(
                rows=rows,
                source=source,
                names=names,
                skip_bad_rows=options["skip_bad_rows"],
                dry_run=options["dry_run"],
                progress=bar.update,
            )
        except RowRefused as refused:
            bar.close()
            self._show(path, refused.problems, _("refused"))
            if not options["dry_run"]:
                import_run_record(
                    source=source,
                    digest=digest,
                    rows_read=rows_read,
                    counts=refused.done,
                    outcome="failure",
                )
            if options["dry_run"]:
                raise CommandError(
                    _("A real import would stop at row %(row)s; nothing was written.")
                    % {"row": refused.problems[0].row}
                ) from None
            raise CommandError(
                _(
                    "Stopped at row %(row)s. The rows of the batches before it were imported "
                    "(%(created)s files created, %(linked)s linked); fix the row and import "
                    "the file again: the rows already imported are recognised."
                )
                % {
                    "row": refused.problems[0].row,
                    "created": refused.done.created,
                    "linked": refused.done.linked,
                }
            ) from None
        finally:
            bar.close()

    def _show(self, path: Path, problems: list[Problem], verdict: str) -> None:
        for problem in problems[:SHOWN_PROBLEMS]:
            self.stderr.write(f"{path.name}: {verdict}: {problem}")
        if len(problems) > SHOWN_PROBLEMS:
            self.stderr.write(
                _("%(file)s: %(count)s more problems like these (%(verdict)s).")
                % {"file": path.name, "count": len(problems) - SHOWN_PROBLEMS, "verdict": verdict}
            )

    def _summary(self, rows_read: int, counts: ImportCounts, dry_run: bool) -> None:
        lines = [
            _("Rows read: %(count)s") % {"count": rows_read},
            _("Files created: %(count)s") % {"count": counts.created},
            _("Linked to existing files: %(count)s") % {"count": counts.linked},
            _("Already imported (linked as before): %(count)s")
            % {"count": counts.already_imported},
            _("Potential duplicates flagged: %(count)s") % {"count": counts.flagged},
            _("Rows skipped: %(count)s") % {"count": counts.skipped_rows},
        ]
        if counts.latin_derived:
            lines.append(
                _("Files whose Latin names were spelt from the native script: %(count)s")
                % {"count": counts.latin_derived}
            )
        if dry_run:
            lines.insert(0, _("Dry run: nothing was written. An import now would give:"))
        self.stdout.write("\n".join(lines))
