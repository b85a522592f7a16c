"""B6: record linkage on a generated multi-script registry, against Splink on the same pairs.

Data: ``bench.b6_generator`` (seeded): N persons, 1..5 records each as the border system,
the population registry, a host's registration and an application write them, in
Azerbaijani Latin, Cyrillic, Georgian, Persian and Arabic script and the Latin spellings
of each; one file to deduplicate. Ours: ``manage.py link_records`` as an operator runs it
(in-process ``call_command``, the file's columns are named like the fields). Baseline:
Splink 5 on DuckDB with our blocking rules as pre-computed key columns, so both score the
same candidate pairs (``bench/b6_splink.py`` says what Splink gets).

Each side runs in a fresh process; wall time counts from reading the data to the pairs
file written; peak memory is the process's peak resident set. F1, precision and recall are
pairwise against the generator's truth, computed the same way from both pairs files.
Pairs scored per second: candidate pairs compared and scored over the wall time. A side
that has not finished after ``TIME_LIMIT`` seconds is stopped and reported as such.

    python -m bench.b6_registry [--smoke] [--persons N] [--repetitions N] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.pg import ROOT
from bench.report import Report, Row

FULL = {"persons": 1_000_000, "repetitions": 1}
SMOKE = {"persons": 1_500, "repetitions": 1}
TIME_LIMIT = 30 * 60  # seconds per side and run
MEMORY_GOAL_MIB = 8 * 1024
F1_MARGIN = 0.02


# --- one side, in its own process ---------------------------------------------------------


def _peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _ours(records: Path, out: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command

    # Imported before the clock starts, as Splink and pandas are for the baseline.
    import umis.matching.management.commands.link_records  # noqa: F401
    from umis.matching import linker

    counted: dict[str, int] = {}
    dedupe = linker.dedupe

    def counting_dedupe(*args, **kwargs):
        scored = dedupe(*args, **kwargs)
        counted["pairs_scored"] = len(scored)
        return scored

    linker.dedupe = counting_dedupe
    ready = time.perf_counter()
    call_command(
        "link_records", str(records), out=str(out), id="id", stdout=StringIO(), stderr=StringIO()
    )
    return {"seconds": time.perf_counter() - ready, **counted}


def _splink(records: Path, out: Path) -> dict:
    import pandas  # noqa: F401 - imported before the clock starts, as Django is for ours
    import splink.comparison_library  # noqa: F401

    from bench import b6_splink

    ready = time.perf_counter()
    done = b6_splink.dedupe(records, out)
    seconds = time.perf_counter() - ready
    return {"seconds": seconds, "pairs_scored": b6_splink.pairs_scored(**done)}


def _side(side: str, records: Path, out: Path) -> dict:
    started = time.perf_counter()
    result = _ours(records, out) if side == "ours" else _splink(records, out)
    result["process_seconds"] = time.perf_counter() - started
    result["peak_rss_mib"] = _peak_rss_mib()
    return result


def _run_side(side: str, records: Path, out: Path) -> dict:
    started = time.perf_counter()
    command = [sys.executable, "-m", "bench.b6_registry", "--side", side, str(records), str(out)]
    try:
        done = subprocess.run(  # noqa: S603 - our interpreter, our module, our files
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            env={**os.environ, "DJANGO_DEBUG": "0", "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        return {"finished": False, "seconds": float(TIME_LIMIT)}
    if done.returncode != 0:
        raise RuntimeError(f"{side} failed: {done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds_with_start"] = time.perf_counter() - started
    result["finished"] = True
    return result


# --- data, truth and scores ---------------------------------------------------------------


def _number(record_id: str) -> int:
    return int(record_id[1:])  # the generator's ids are r00000123


def _pair_keys(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    low, high = np.minimum(left, right), np.maximum(left, right)
    return np.unique(low * 100_000_000 + high)


def truth(path: Path) -> np.ndarray:
    """Every pair of records of one person, as sorted int64 keys."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    records = np.array([_number(row[0]) for row in rows], dtype=np.int64)
    persons = np.array([int(row[1][1:]) for row in rows], dtype=np.int64)
    order = np.argsort(persons, kind="stable")
    records, persons = records[order], persons[order]
    left, right = [], []
    for offset in range(1, 6):  # at most five records per person
        same = persons[offset:] == persons[:-offset]
        left.append(records[:-offset][same])
        right.append(records[offset:][same])
    return _pair_keys(np.concatenate(left), np.concatenate(right))


def found(out: Path) -> np.ndarray:
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    left = np.array([_number(row[0]) for row in rows], dtype=np.int64)
    right = np.array([_number(row[1]) for row in rows], dtype=np.int64)
    return _pair_keys(left, right)


def scores(pairs: np.ndarray, true_pairs: np.ndarray) -> dict:
    hits = len(np.intersect1d(pairs, true_pairs, assume_unique=True))
    precision = hits / len(pairs) if len(pairs) else 0.0
    recall = hits / len(true_pairs) if len(true_pairs) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "pairs": len(pairs)}


def splink_input(records: Path, target: Path) -> dict:
    """``records.csv`` with one column per blocking rule of ours: the rule's keys as our
    normaliser computes them, empty where our engine would not pair on them (a key empty,
    the block alone or larger than the engine's limit)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from umis.matching import blocking
    from umis.matching.csv_input import read_records
    from umis.matching.records import prepare

    prepared = prepare(read_records(records, id_column="id").records)
    rules = blocking.chosen_rules(prepared)
    columns = []
    for rule in rules:
        codes = blocking._rule_codes(prepared, rule)
        values, inverse, counts = np.unique(codes, return_inverse=True, return_counts=True)
        size = counts[inverse.ravel()]
        columns.append(
            np.where((codes >= 0) & (size >= 2) & (size <= blocking.MAX_BLOCK), codes, -1)
        )
    with (
        records.open(encoding="utf-8") as source,
        target.open("w", newline="", encoding="utf-8") as handle,
    ):
        reader, writer = csv.reader(source), csv.writer(handle)
        writer.writerow([*next(reader), *(f"block_{k}" for k in range(len(rules)))])
        for position, row in enumerate(reader):
            keys = [str(column[position]) if column[position] >= 0 else "" for column in columns]
            writer.writerow([*row, *keys])
    return {f"block_{k}": "+".join(rule) for k, rule in enumerate(rules)}


# --- the benchmark ------------------------------------------------------------------------


def run(*, smoke: bool, persons: int, repetitions: int, data: Path | None) -> Report:
    from bench import b6_generator

    report = Report(
        benchmark="B6-registry",
        parameters={
            "smoke": smoke,
            "persons": persons,
            "repetitions": repetitions,
            "seed": b6_generator.SEED,
            "threshold": 0.5,
            "time_limit_s": TIME_LIMIT,
        },
        notes=[
            "wall time: reading the CSV to the pairs file written, in a fresh process",
            "pairs scored per second: candidate pairs compared and scored / wall time; "
            "both sides score the same candidate pairs (our blocking keys, given to Splink)",
            "F1 row: ours against Splink's F1 + 0.02; memory row: ours against 8 GiB",
        ],
    )
    with tempfile.TemporaryDirectory(prefix="b6-") as scratch:
        scratch_dir = Path(scratch)
        directory = data or scratch_dir / "data"
        records, truth_path = directory / "records.csv", directory / "truth.csv"
        started = time.perf_counter()
        if not records.exists():
            b6_generator.generate(persons, directory)
        generated = time.perf_counter()
        for_splink = scratch_dir / "splink.csv"
        report.details["blocking_rules"] = splink_input(records, for_splink)
        true_pairs = truth(truth_path)
        report.details["preparation_seconds"] = {
            "generator": generated - started,
            "splink_keys": time.perf_counter() - generated,
        }
        report.details["records"] = sum(1 for _ in records.open(encoding="utf-8")) - 1
        report.details["true_pairs"] = len(true_pairs)
        runs: dict[str, list[dict]] = {"ours": [], "splink": []}
        for repetition in range(repetitions):
            for side in ("ours", "splink"):  # alternating, so both see the same load
                out = scratch_dir / f"{side}-{repetition}.csv"
                result = _run_side(side, records if side == "ours" else for_splink, out)
                if result["finished"]:
                    result.update(scores(found(out), true_pairs))
                runs[side].append(result)
                print(f"{side} {repetition}: {json.dumps(result)}", file=sys.stderr)
        report.details.update(runs)
        _rows(report, runs)
    return report


def _median(runs: list[dict], key: str) -> float:
    values = [run[key] for run in runs if run.get("finished") and key in run]
    return statistics.median(values) if values else float("nan")


def _rows(report: Report, runs: dict[str, list[dict]]) -> None:
    ours, splink = runs["ours"], runs["splink"]
    for side in (ours, splink):
        for run in side:
            if run.get("finished") and run.get("pairs_scored"):
                run["pairs_per_second"] = run["pairs_scored"] / run["seconds"]
    report.rows += [
        Row(
            "B6 F1 vs Splink's + 0.02",
            "pairwise",
            _median(ours, "f1"),
            _median(splink, "f1") + F1_MARGIN,
            ">= 1",
        ),
        Row(
            "B6 pairs scored per second",
            "pairs/s",
            _median(ours, "pairs_per_second"),
            _median(splink, "pairs_per_second"),
            ">= 1",
        ),
        Row(
            "B6 peak memory vs 8 GiB",
            "MiB",
            _median(ours, "peak_rss_mib"),
            float(MEMORY_GOAL_MIB),
            "<= 1",
        ),
        Row("B6 F1", "pairwise", _median(ours, "f1"), _median(splink, "f1")),
        Row("B6 precision", "pairwise", _median(ours, "precision"), _median(splink, "precision")),
        Row("B6 recall", "pairwise", _median(ours, "recall"), _median(splink, "recall")),
        Row(
            "B6 pairs scored",
            "pairs",
            _median(ours, "pairs_scored"),
            _median(splink, "pairs_scored"),
        ),
        Row("B6 wall time", "s", _median(ours, "seconds"), _median(splink, "seconds")),
        Row(
            "B6 peak memory",
            "MiB",
            _median(ours, "peak_rss_mib"),
            _median(splink, "peak_rss_mib"),
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--side"]:  # one side's run, in its own process
        print(json.dumps(_side(argv[1], Path(argv[2]), Path(argv[3]))))
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny size, a few seconds")
    parser.add_argument("--persons", type=int, default=None)
    parser.add_argument("--repetitions", type=int, default=None)
    parser.add_argument("--data", type=Path, default=None, help="reuse (or keep) the data here")
    parser.add_argument("--results-dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="accepted, as every benchmark does")
    args = parser.parse_args(argv)
    sizes = SMOKE if args.smoke else FULL
    persons = args.persons or sizes["persons"]
    report = run(
        smoke=args.smoke,
        persons=persons,
        repetitions=args.repetitions or sizes["repetitions"],
        data=args.data,
    )
    report.print()
    stem = "b6-smoke" if args.smoke else ("b6" if persons == FULL["persons"] else f"b6-{persons}")
    print(f"  written: {report.write(args.results_dir, stem=stem)}")


if __name__ == "__main__":
    main()
