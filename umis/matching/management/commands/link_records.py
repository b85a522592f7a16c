"""Find the same person twice in one CSV file, or across two."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from umis.matching import linker
from umis.matching.csv_input import InputError, ReadResult, parse_mapping, read_records
from umis.matching.records import FIELDS

SHOWN_PROBLEMS = 20  # per kind; the rest are counted


class Command(BaseCommand):
    help = (
        "Deduplicate one CSV file of person records, or link two: write every pair at or "
        "above the threshold with its match probability to a CSV file "
        "(left_id,right_id,probability). Fields: " + ", ".join(FIELDS) + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="the CSV file to deduplicate")
        parser.add_argument(
            "other", type=Path, nargs="?", help="a second CSV file to link the first with"
        )
        parser.add_argument("--out", type=Path, required=True, help="where to write the pairs")
        parser.add_argument("--id", default="id", help="the record id column (default: id)")
        parser.add_argument(
            "--map",
            default="",
            help="FIELD=COLUMN,... (FIELD=A+B joins two columns); a column named like a "
            "field needs no mapping, other columns are ignored",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=linker.DEFAULT_THRESHOLD,
            help="the lowest match probability written (default: 0.5)",
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="report and skip malformed rows instead of refusing the file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold = options["threshold"]
        if not 0 < threshold <= 1:
            raise CommandError(_("--threshold must be above 0 and at most 1."))
        try:
            mapping = parse_mapping(options["map"])
            files = [Path(options["input"])]
            if options["other"]:
                files.append(Path(options["other"]))
            read = [
                read_records(
                    path,
                    id_column=options["id"],
                    mapping=mapping,
                    skip_bad_rows=options["skip_bad_rows"],
                )
                for path in files
            ]
        except InputError as error:
            raise CommandError(str(error)) from error
        for path, result in zip(files, read, strict=True):
            self._report(path, result)
        scored = self._score(read)
        chosen = scored.above(threshold)
        self._write(Path(options["out"]), scored, chosen)
        self.stdout.write(
            _(
                "%(records)s records, %(candidates)s pairs compared, %(pairs)s at or above "
                "%(threshold)s written to %(out)s."
            )
            % {
                "records": sum(len(result.records) for result in read),
                "candidates": len(scored),
                "pairs": len(chosen),
                "threshold": threshold,
                "out": options["out"],
            }
        )

    def _score(self, read: list[ReadResult]) -> linker.ScoredPairs:
        from tqdm import tqdm

        bar = tqdm(
            total=0,
            unit=" pairs",
            desc=_("comparing"),
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            if len(read) == 1:
                return linker.dedupe(read[0].records, progress=progress)
            return linker.link(read[0].records, read[1].records, progress=progress)
        finally:
            bar.close()

    def _report(self, path: Path, result: ReadResult) -> None:
        for problems, verdict in (
            (result.skipped, _("skipped")),
            (result.warnings, _("warning")),
        ):
            for problem in problems[:SHOWN_PROBLEMS]:
                self.stderr.write(f"{path.name}: {verdict}: {problem}")
            if len(problems) > SHOWN_PROBLEMS:
                self.stderr.write(
                    _("%(file)s: %(count)s more rows like these (%(verdict)s).")
                    % {
                        "file": path.name,
                        "count": len(problems) - SHOWN_PROBLEMS,
                        "verdict": verdict,
                    }
                )

    def _write(self, out: Path, scored: linker.ScoredPairs, chosen) -> None:
        try:
            with out.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["left_id", "right_id", "probability"])
                left_ids, right_ids = scored.left_ids, scored.right_ids
                left, right = scored.left[chosen].tolist(), scored.right[chosen].tolist()
                probability = scored.probability[chosen].tolist()
                writer.writerows(
                    (left_ids[i], right_ids[j], f"{p:.6f}")
                    for i, j, p in zip(left, right, probability, strict=True)
                )
        except OSError as error:
            raise CommandError(
                _("%(file)s cannot be written: %(reason)s")
                % {"file": out, "reason": error.strerror}
            ) from error
