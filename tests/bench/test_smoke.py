"""Every benchmark runs end to end at tiny sizes and writes a well-formed result.

Whether a goal holds is for the full run (``make bench``) on a quiet machine; a test only
checks that the benchmark still works against the code as it is today.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.b9_verify import _shared_cache
from bench.cpu import available as cpu_available

ROOT = Path(__file__).resolve().parents[2]


def _postgres_configured() -> bool:
    url = os.environ.get("UMIS_BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url.startswith(("postgres://", "postgresql://"))


_POSTGRES_MARKS = [
    pytest.mark.skipif(
        not _postgres_configured(),
        reason="benchmarks measure PostgreSQL: set DATABASE_URL or UMIS_BENCH_DATABASE_URL",
    ),
    pytest.mark.skipif(
        not (shutil.which("psql") and shutil.which("pgbench")),
        reason="benchmarks need psql and pgbench on PATH",
    ),
]


def needs_postgres(test):
    """B1, B2, B7 and B9 measure a PostgreSQL server; B5 and B6 need no database."""
    for mark in _POSTGRES_MARKS:
        test = mark(test)
    return test


def run_smoke(module: str, results: Path) -> dict:
    done = subprocess.run(  # noqa: S603 - our interpreter and our module names
        [sys.executable, "-m", module, "--smoke", "--results-dir", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # The table is printed as well as written.
    assert "| name" in done.stdout and "| holds? |" in done.stdout
    (written,) = results.glob("*-smoke.json")
    return json.loads(written.read_text())


def assert_well_formed(result: dict, benchmark: str) -> None:
    assert result["benchmark"] == benchmark
    assert result["date"] and result["parameters"]["smoke"] is True
    assert result["rows"]
    for row in result["rows"]:
        assert set(row) >= {"name", "unit", "ours", "baseline", "ratio", "goal", "holds"}
        assert math.isfinite(row["ours"]) and math.isfinite(row["baseline"]), row
        assert row["baseline"] > 0, row
        if row["goal"]:
            assert row["holds"] in (True, False), row
        else:
            assert row["holds"] is None, row


@needs_postgres
def test_b1_submission_smoke(tmp_path):
    result = run_smoke("bench.b1_submission", tmp_path)
    assert_well_formed(result, "B1-submission")
    names = [row["name"] for row in result["rows"]]
    assert any(name.startswith("B1 submissions/s") for name in names)
    assert "B1 p95 latency" in names
    # Every measured submission succeeded, so the rate counts real applications.
    assert result["details"]["ours"]["errors"] == [0] * len(result["details"]["ours"]["ok"])
    assert min(result["details"]["ours"]["ok"]) > 0


@needs_postgres
def test_b2_queue_smoke(tmp_path):
    result = run_smoke("bench.b2_queue", tmp_path)
    assert_well_formed(result, "B2-queue")
    names = [row["name"] for row in result["rows"]]
    assert "B2a office queue API p95" in names
    assert "B2b status look-up API p95" in names
    counts = next(r for r in result["rows"] if r["name"].startswith("B2a office queue API st"))
    assert counts["ours"] >= 5  # the statements of a real request were captured
    assert result["details"]["B2a office queue API"]["statements"]


@needs_postgres
def test_b9_verify_smoke(tmp_path):
    result = run_smoke("bench.b9_verify", tmp_path)
    assert_well_formed(result, "B9-verify")
    names = [row["name"] for row in result["rows"]]
    assert any(name.startswith("B9 QR verification/s") for name in names)
    assert any(name.startswith("B9 share-code check/s") for name in names)
    # The limits counted where production counts them whenever a Redis answers.
    expected_cache = "redis" if _shared_cache() else "process memory"
    assert result["parameters"]["rate_limit_cache"] == expected_cache
    # Every measured check got the right answer (valid, with or without its online line; a
    # reference for the share code).
    for kind in ("qr", "qr_online", "share", "healthz"):
        assert result["details"][kind]["errors"] == [0] * len(result["details"][kind]["ok"])
        assert min(result["details"][kind]["ok"]) > 0
    if cpu_available():  # the CPU each request cost, by who spent it
        for kind in ("qr", "share", "healthz"):
            split = result["details"]["cpu_ms_per_request"][kind]
            assert split["web server"] > 0 and split["total"] >= split["web server"]


def test_b5_linkage_smoke(tmp_path):
    result = run_smoke("bench.b5_linkage", tmp_path)
    assert_well_formed(result, "B5-linkage")
    names = {row["name"] for row in result["rows"]}
    for data_set in ("FEBRL3", "FEBRL4"):
        assert {f"B5 {data_set} F1", f"B5 {data_set} wall time"} <= names
        details = result["details"][data_set]
        assert details["true_pairs"] > 0
        # Both sides wrote pairs, and found real ones: the scores compare working runs.
        for side in ("ours", "splink"):
            assert all(run["pairs"] > 0 and run["recall"] > 0.5 for run in details[side])


@needs_postgres
def test_b7_screening_smoke(tmp_path):
    result = run_smoke("bench.b7_screening", tmp_path)
    assert_well_formed(result, "B7-screening")
    rows = {row["name"]: row for row in result["rows"]}
    assert rows["B7 p95 per screening"]["goal"] == "<= 0.05"
    assert rows["B7 recall (listed people)"]["goal"] == ">= 1"
    # Every query was answered by both sides, and the listed people were found by both.
    details = result["details"]
    queries = sum(details["variants"].values())
    assert len(details["ours"]["ms"]) == len(details["brute_force"]["ms"]) == queries
    assert details["ours"]["recall"] > 0.5 and details["brute_force"]["recall"] > 0.5
    assert details["load"]["key_rows"] > details["load"]["entries"]


def test_b6_registry_smoke(tmp_path):
    result = run_smoke("bench.b6_registry", tmp_path)
    assert_well_formed(result, "B6-registry")
    names = {row["name"] for row in result["rows"]}
    assert {"B6 F1 vs Splink's + 0.02", "B6 pairs scored per second"} <= names
    assert result["details"]["true_pairs"] > 0
    # Both sides finished, found real pairs, and scored the same candidate pairs.
    ours, splink = result["details"]["ours"], result["details"]["splink"]
    for run in ours + splink:
        assert run["finished"] and run["pairs"] > 0 and run["recall"] > 0.5
    assert [run["pairs_scored"] for run in ours] == [run["pairs_scored"] for run in splink]
