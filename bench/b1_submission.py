"""B1: applying online through the real HTTP API under concurrency, against pgbench.

Ours: ``POST /api/v1/applications/`` with an Idempotency-Key, as signed-in applicants (one
session per client), served by waitress from config.wsgi on PostgreSQL: validation of the
stay-registration form, the application, its history and audit rows, the e-mail outbox
and its task row, committed.

Baseline: pgbench at the same concurrency on the same server and database, running one
transaction per submission that writes rows shaped exactly like ours (copied from a real
submission): the application, its history row, an audit row appended to the hash chain
under the chain's advisory lock (as ``audit_record`` does) and the task row.

    python -m bench.b1_submission [--smoke]
"""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path

from bench.app import create_applicants, setup_django, signed_in_cookies
from bench.load import LoadResult, median, run_concurrent
from bench.pg import (
    Database,
    bench_database_name,
    drop_database,
    fresh_database,
    migrate,
    require_tools,
    server_url,
)
from bench.pgbench import run_pgbench
from bench.report import RESULTS_DIR, Report, Row
from bench.server import Client, waitress

APPLY = "/api/v1/applications/"
FULL = {"concurrency": 16, "seconds": 15.0, "repetitions": 5, "warmup_seconds": 5.0}
SMOKE = {"concurrency": 4, "seconds": 1.0, "repetitions": 1, "warmup_seconds": 0.5}


def application_body() -> dict:
    # The test suite's valid form, so that fields added to the service reach the benchmark.
    from tests.eservices.form_data import stay_registration_data

    return {"service_code": "stay-registration", "form_data": stay_registration_data()}


def _submit_operation(port: int, cookies, body: dict):
    client = Client(port, cookies.headers())

    def submit() -> bool:
        status, _ = client.request("POST", APPLY, body, {"Idempotency-Key": uuid.uuid4().hex})
        return status == 201

    return submit


def pgbench_script(number: str, user_ids: list[int]) -> str:
    """One transaction writing what submission ``number`` wrote, in the same order."""
    from django_tasks_db.models import DBTaskResult

    from bench.sqlgen import row_like, table
    from umis.audit.models import AuditEntry
    from umis.audit.services import ADVISORY_LOCK_KEY
    from umis.cases.models import Application, ApplicationEvent

    application = Application.objects.get(number=number)
    event = ApplicationEvent.objects.filter(application=application, transition="submit").get()
    audit = AuditEntry.objects.filter(target_id=number, action="application.submit").get()
    task = DBTaskResult.objects.order_by("-enqueued_at").first()
    if task is None:
        raise RuntimeError("the submission queued no task: did the applicant get an e-mail?")
    users = "(ARRAY[" + ",".join(str(pk) for pk in user_ids) + "])"
    app_cols, app_vals = row_like(
        application,
        {
            "number": "'PGB-' || nextval('bench_numbers')",
            "applicant": f"{users}[:u + 1]",
            "created_at": "now()",
            "updated_at": "now()",
            "submitted_at": "now()",
        },
    )
    event_cols, event_vals = row_like(
        event, {"application": ":app_id", "actor": f"{users}[:u + 1]", "at": "now()"}
    )
    hashed = "encode(sha256(convert_to(h.entry_hash || clock_timestamp()::text, 'UTF8')), 'hex')"
    audit_cols, audit_vals = row_like(
        audit,
        {
            "seq": "h.seq + 1",
            "prev_hash": "h.entry_hash",
            "entry_hash": hashed,
            "occurred_at": "now()",
            "actor_id": f"{users}[:u + 1]",
            "target_id": "'PGB-' || :app_id",
        },
    )
    # Identifiers come from the models and values from our own rows: nothing from outside.
    head = f"(SELECT seq, entry_hash FROM {table(AuditEntry)} ORDER BY seq DESC LIMIT 1) h"  # noqa: S608
    task_cols, task_vals = row_like(
        task, {"id": "gen_random_uuid()", "enqueued_at": "now()", "run_after": "now()"}
    )
    return "\n".join(
        [
            f"\\set u random(0, {len(user_ids) - 1})",
            "BEGIN;",
            f"INSERT INTO {table(Application)} ({app_cols}) VALUES ({app_vals}) "  # noqa: S608
            "RETURNING id AS app_id \\gset",
            f"INSERT INTO {table(ApplicationEvent)} ({event_cols}) VALUES ({event_vals});",  # noqa: S608
            f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY});",
            f"INSERT INTO {table(AuditEntry)} ({audit_cols}) SELECT {audit_vals} FROM {head};",  # noqa: S608
            f"INSERT INTO {table(DBTaskResult)} ({task_cols}) VALUES ({task_vals});",  # noqa: S608
            "END;",
            "",
        ]
    )


def _measure_ours(port: int, sessions: list, body: dict, seconds: float) -> LoadResult:
    operations = [_submit_operation(port, cookies, body) for cookies in sessions]
    return run_concurrent(operations, seconds)


def _diagnose_hash(database, sessions: list, body: dict, p: dict, log: Path) -> list[LoadResult]:
    """Ours again with a cheap password hasher: the share of the access code's slow hash."""
    runs = []
    settings_module = "bench.fast_hash_settings"
    with waitress(
        database, threads=p["concurrency"], log=log, settings_module=settings_module
    ) as port:
        _measure_ours(port, sessions, body, p["warmup_seconds"])
        for _ in range(max(1, p["repetitions"] // 2)):
            runs.append(_measure_ours(port, sessions, body, p["seconds"]))
    return runs


def _statements_of_one_submission(cookies, body: dict) -> dict:
    """What one submission asks of the database, counted in-process (same code path)."""
    from collections import Counter

    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    client = DjangoClient(HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex)
    client.cookies["sessionid"] = cookies.session
    with CaptureQueriesContext(connection) as captured:
        response = client.post(APPLY, body, content_type="application/json")
    if response.status_code != 201:
        raise RuntimeError(f"in-process submission refused: {response.content[:2000]!r}")
    kinds = Counter(q["sql"].split(None, 1)[0].upper() for q in captured.captured_queries)
    return {"statements": len(captured.captured_queries), "by_kind": dict(kinds)}


def _first_submission(port: int, cookies, body: dict) -> str:
    status, raw = Client(port, cookies.headers()).request(
        "POST", APPLY, body, {"Idempotency-Key": "bench-first"}
    )
    if status != 201:
        raise RuntimeError(f"a valid submission was refused ({status}): {raw[:2000]!r}")
    return json.loads(raw)["number"]


def _summary(runs: list[LoadResult]) -> dict:
    return {
        "per_second": [round(r.per_second, 2) for r in runs],
        "p50_ms": [round(r.p50_ms, 2) for r in runs],
        "p95_ms": [round(r.p95_ms, 2) for r in runs],
        "ok": [r.ok for r in runs],
        "errors": [r.errors for r in runs],
    }


def run(*, smoke: bool = False, results_dir: Path | None = None, keep: bool = False) -> Report:
    require_tools("pgbench")
    p = dict(SMOKE if smoke else FULL)
    server = Database(server_url())
    name = bench_database_name("b1", smoke=smoke)
    database = fresh_database(server, name)
    report = Report(
        "B1-submission",
        {**p, "server_threads": p["concurrency"], "users": p["concurrency"], "smoke": smoke},
    )
    logs = (results_dir or RESULTS_DIR) / "logs"
    try:
        migrate(database)
        setup_django(database)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("CREATE SEQUENCE bench_numbers")
        users = create_applicants(p["concurrency"])
        sessions = [signed_in_cookies(user) for user in users]
        body = application_body()
        ours: list[LoadResult] = []
        base: list[LoadResult] = []
        with waitress(database, threads=p["concurrency"], log=logs / f"{name}.log") as port:
            number = _first_submission(port, sessions[0], body)
            statements = _statements_of_one_submission(sessions[0], body)
            script = pgbench_script(number, [u.pk for u in users])
            _measure_ours(port, sessions, body, p["warmup_seconds"])
            run_pgbench(database, script, clients=p["concurrency"], seconds=p["warmup_seconds"])
            # Alternate, so that drift of a shared machine touches both sides alike.
            for _ in range(p["repetitions"]):
                ours.append(_measure_ours(port, sessions, body, p["seconds"]))
                base.append(
                    run_pgbench(database, script, clients=p["concurrency"], seconds=p["seconds"])
                )
        cheap = _diagnose_hash(database, sessions, body, p, logs / f"{name}-fast-hash.log")
        report.rows = [
            Row(
                f"B1 submissions/s, concurrency {p['concurrency']}",
                "tx/s",
                median([r.per_second for r in ours]),
                median([r.per_second for r in base]),
                ">= 0.25",
            ),
            Row(
                "B1 p95 latency",
                "ms",
                median([r.p95_ms for r in ours]),
                median([r.p95_ms for r in base]),
            ),
            Row(
                "B1 diagnosis: submissions/s if the access code were hashed cheaply",
                "tx/s",
                median([r.per_second for r in cheap]),
                median([r.per_second for r in base]),
            ),
        ]
        report.details = {
            "ours": _summary(ours),
            "pgbench": _summary(base),
            "ours_with_cheap_access_code_hash": _summary(cheap),
            "statements_per_submission": statements,
            "script": script,
        }
        errors = sum(r.errors for r in ours)
        if errors:
            report.notes.append(f"{errors} submissions failed during measurement (see log)")
        report.notes.append(
            f"median of {p['repetitions']} repetitions of {p['seconds']:.0f} s each; "
            "ours and pgbench alternate"
        )
    finally:
        _close_django()
        if not keep:
            drop_database(server, name)
    return report


def _close_django() -> None:
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: S110 - Django was never set up: nothing to close
        pass


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    parser.add_argument("--results-dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv)
    report = run(smoke=args.smoke, results_dir=args.results_dir, keep=args.keep)
    report.print()
    path = report.write(args.results_dir, stem="b1-smoke" if args.smoke else "b1")
    print(f"  written: {path}")


if __name__ == "__main__":
    main()
