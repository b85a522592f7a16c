"""B1: applying online through the real HTTP API under concurrency, against pgbench.

Ours: ``POST /api/v1/applications/`` with an Idempotency-Key, as signed-in applicants (one
session per client), served by gunicorn from config.wsgi on PostgreSQL: validation of the
stay-registration form, the application, its history and audit rows, the e-mail outbox,
the pending checks and their task rows, the idempotency record, committed.

Baseline: pgbench at the same concurrency on the same server and database, running one
transaction per submission that writes, as bare INSERTs, every row a real submission of
the same run wrote (copied from it, so of exactly our shape and size), the audit rows
appended to the hash chain under the chain's advisory lock as ``audit_record`` does.

    python -m bench.b1_submission [--smoke]
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from bench.app import close_django, create_applicants, setup_django, signed_in_cookies
from bench.load import LoadResult, median, run_concurrent, summarise
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
from bench.report import RESULTS_DIR, Report, Row, run_from_command_line
from bench.server import Client, web_server

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
    """One transaction writing, as bare INSERTs, every row submission ``number`` left.

    The application in its final state, its history rows, the e-mail outbox row, the check
    rows, the two task rows, the idempotency record, and the audit rows appended to the
    hash chain under the chain's advisory lock (as ``audit_record`` does), in that order.
    """
    from django_tasks_db.models import DBTaskResult

    from bench.sqlgen import row_like, table
    from umis.audit.append_sql import ADVISORY_LOCK_KEY
    from umis.audit.models import AuditEntry
    from umis.cases.models import Application, ApplicationEvent, IdempotencyRecord
    from umis.exchange.models import CheckResult
    from umis.notifications.models import Notification

    application = Application.objects.get(number=number)
    events = list(ApplicationEvent.objects.filter(application=application).order_by("id"))
    notifications = list(Notification.objects.filter(application=application))
    if not notifications:
        raise RuntimeError("the submission queued no e-mail: the script would lie")
    checks = list(CheckResult.objects.filter(application=application))
    # The task rows of this submission: they name its number or its e-mail's id.
    ids = {number, *(n.pk for n in notifications)}
    candidates = DBTaskResult.objects.filter(enqueued_at__gte=application.created_at)
    tasks = [t for t in candidates if set(t.args_kwargs.get("args", [])) & ids]
    audits = list(AuditEntry.objects.filter(target_id=number).order_by("seq"))
    record = IdempotencyRecord.objects.get(response_body__number=number)
    users = "(ARRAY[" + ",".join(str(pk) for pk in user_ids) + "])"
    user = f"{users}[:u + 1]"

    def insert(instance, given: dict[str, str], suffix: str = ";") -> str:
        cols, vals = row_like(instance, given)
        # Identifiers come from the models and values from our own rows: nothing from outside.
        return f"INSERT INTO {table(type(instance))} ({cols}) VALUES ({vals}){suffix}"  # noqa: S608

    lines = [
        f"\\set u random(0, {len(user_ids) - 1})",
        "BEGIN;",
        insert(
            application,
            {
                "number": "'PGB-' || nextval('bench_numbers')",
                "applicant": user,
                "created_at": "now()",
                "updated_at": "now()",
                "submitted_at": "now()",
            },
            " RETURNING id AS app_id \\gset",
        ),
    ]
    for index, event in enumerate(events):
        given = {"application": ":app_id", "actor": user, "at": "now()"}
        lines.append(insert(event, given, f" RETURNING id AS event{index} \\gset"))
    for notification in notifications:
        index = next(i for i, e in enumerate(events) if e.pk == notification.event_id)
        given = {"application": ":app_id", "event": f":event{index}", "created_at": "now()"}
        lines.append(insert(notification, given))
    for check in checks:
        lines.append(insert(check, {"application": ":app_id", "created_at": "now()"}))
    for task in tasks:
        given = {"id": "gen_random_uuid()", "enqueued_at": "now()", "run_after": "now()"}
        lines.append(insert(task, given))
    key = "'pgb-' || :app_id"
    lines.append(insert(record, {"user": user, "key": key, "created_at": "now()"}))
    lines.append(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY});")
    head = f"(SELECT seq, entry_hash FROM {table(AuditEntry)} ORDER BY seq DESC LIMIT 1) h"  # noqa: S608
    hashed = "encode(sha256(convert_to(h.entry_hash || clock_timestamp()::text, 'UTF8')), 'hex')"
    for audit in audits:
        cols, vals = row_like(
            audit,
            {
                "seq": "h.seq + 1",
                "prev_hash": "h.entry_hash",
                "entry_hash": hashed,
                "occurred_at": "now()",
                "actor_id": user,
                "target_id": "'PGB-' || :app_id",
            },
        )
        lines.append(f"INSERT INTO {table(AuditEntry)} ({cols}) SELECT {vals} FROM {head};")  # noqa: S608
    lines += ["END;", ""]
    return "\n".join(lines)


def _measure_ours(port: int, sessions: list, body: dict, seconds: float) -> LoadResult:
    operations = [_submit_operation(port, cookies, body) for cookies in sessions]
    return run_concurrent(operations, seconds)


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
        with web_server(database, threads=p["concurrency"], log=logs / f"{name}.log") as port:
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
        ]
        report.details = {
            "ours": summarise(ours),
            "pgbench": summarise(base),
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
        close_django()
        if not keep:
            drop_database(server, name)
    return report


def main(argv: list[str] | None = None) -> None:
    run_from_command_line(run, doc=__doc__, stem="b1", argv=argv)


if __name__ == "__main__":
    main()
