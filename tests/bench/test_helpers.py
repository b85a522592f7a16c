"""The arithmetic behind every benchmark's verdict, checked without a database."""

from __future__ import annotations

import math
import time

import pytest

from bench.cpu import CpuPerRequest, snapshot, spent_between
from bench.cpu import available as cpu_available
from bench.load import percentile
from bench.psql import replayable
from bench.report import Row, table


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 95) == 95.0
    assert percentile(values, 50) == 50.0
    assert percentile([7.0], 95) == 7.0
    assert math.isnan(percentile([], 95))


def test_goals_read_as_bounds_on_ours_over_the_baseline():
    assert Row("rate", "tx/s", ours=30, baseline=100, goal=">= 0.25").holds is True
    assert Row("rate", "tx/s", ours=20, baseline=100, goal=">= 0.25").holds is False
    assert Row("p95", "ms", ours=50, baseline=10, goal="<= 5").holds is True
    assert Row("p95", "ms", ours=51, baseline=10, goal="<= 5").holds is False
    assert Row("statements", "count", ours=12, baseline=12, goal="== 1").holds is True
    assert Row("statements", "count", ours=13, baseline=12, goal="== 1").holds is False
    # Nothing measured is never a pass; a row without a goal is information only.
    assert Row("rate", "tx/s", ours=math.nan, baseline=100, goal=">= 0.25").holds is False
    assert Row("p95", "ms", ours=5, baseline=1).holds is None


def test_the_table_has_the_agreed_columns_and_says_when_a_goal_fails():
    printed = table([Row("B9 verify", "req/s", ours=10, baseline=100, goal=">= 0.5")])
    header, _, line = printed.splitlines()
    assert [c.strip() for c in header.strip("|").split("|")] == [
        "name",
        "ours",
        "baseline",
        "ratio",
        "goal",
        "holds?",
    ]
    assert "B9 verify (req/s)" in line and "0.1" in line and line.rstrip(" |").endswith("NO")


def test_a_replayed_audit_append_takes_the_next_sequence_number():
    captured = (
        'INSERT INTO "audit_auditentry" ("seq", "occurred_at", "action") '
        "VALUES (41, '2026-11-30T07:00:00+00:00'::timestamptz, 'application.search') "
        'RETURNING "audit_auditentry"."id"'
    )
    replayed = replayable(captured)
    assert 'VALUES ((SELECT max("seq") + 1 FROM "audit_auditentry"), ' in replayed
    assert "'application.search'" in replayed and "41" not in replayed
    # Other statements are replayed exactly as captured.
    other = 'UPDATE "django_session" SET "expire_date" = now() WHERE "session_key" = \'x\''
    assert replayable(other) == other


def test_cpu_per_request_divides_each_share_by_the_requests():
    spent = CpuPerRequest()
    spent.add({"client": 0.2, "web server": 1.0, "database": 0.3}, 500)
    spent.add({"client": 0.2, "web server": 1.0, "database": 0.3}, 500)
    assert spent.ms() == pytest.approx(
        {"client": 0.4, "web server": 2.0, "database": 0.6, "total": 3.0}
    )
    assert CpuPerRequest().ms() == {}  # nothing measured: nothing to report


def test_the_cpu_snapshot_counts_this_process_as_the_client():
    if not cpu_available():
        pytest.skip("CPU times are read from /proc")
    before = snapshot(port=1)  # no server listens there: its share stays at nothing
    deadline = time.process_time() + 0.05
    while time.process_time() < deadline:
        pass
    spent = spent_between(before, snapshot(port=1))
    assert spent["client"] >= 0.03
    assert spent["web server"] == 0.0


def test_a_process_that_ends_in_the_window_is_never_subtracted():
    before = {1: ("database", 5.0), 2: ("database", 1.0), 3: ("client", 2.0)}
    after = {2: ("database", 1.5), 3: ("client", 2.5), 4: ("database", 0.25)}  # 1 ended, 4 began
    assert spent_between(before, after) == {"client": 0.5, "web server": 0.0, "database": 0.75}
