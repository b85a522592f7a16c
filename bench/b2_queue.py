"""B2: the officer's work queue and the applicant's status look-up over 1,000,000 cases.

Ours: over HTTP from waitress (config.wsgi, PostgreSQL, DEBUG off), one request at a
time as one user would: (a) ``GET /api/v1/office/applications/?limit=50`` as a case
officer of the Khachmaz department signed in with password and TOTP code through the
office pages, and the page ``/office/applications/`` when it exists; (b) ``GET
/api/v1/applications/{number}`` as the applicant who owns it.

Baseline: the very statements the request issues (captured with CaptureQueriesContext
from the same code in-process: session, user, second factor, jurisdiction, count, page,
session save), run by psql and timed by psql (see bench/psql.py).

Also: the number of statements at ``limit=10`` and ``limit=100`` must be equal.

    python -m bench.b2_queue [--smoke] [--rows N] [--keep] [--reuse]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.app import Cookies, close_django, create_applicants, setup_django, signed_in_cookies
from bench.b2_seed import seed_applications
from bench.load import LoadResult, median, run_sequential
from bench.pg import (
    Database,
    bench_database_name,
    drop_database,
    fresh_database,
    migrate,
    require_tools,
    server_url,
)
from bench.psql import psql_timed
from bench.report import RESULTS_DIR, Report, Row
from bench.server import Client, web_server
from bench.signin import staff_sign_in

QUEUE = "/api/v1/office/applications/"
PAGE = "/office/applications/"
LOOKUP = "/api/v1/applications/{number}"
FULL = {"rows": 1_000_000, "applicants": 20_000, "requests": 200, "repetitions": 5, "warmup": 20}
SMOKE = {"rows": 2_000, "applicants": 50, "requests": 5, "repetitions": 1, "warmup": 2}
OFFICER_PASSWORD = "bench-officer-password-2026"  # noqa: S105 - a throwaway database's user


def _officer():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from umis.accounts.models import Department, User
    from umis.accounts.roles import Role

    officer = User.objects.filter(username="bench-officer").first()
    if officer is None:  # a reused database has its officer already
        officer = User.objects.create_user(
            username="bench-officer",
            password=OFFICER_PASSWORD,
            role=Role.CASE_OFFICER,
            department=Department.objects.get(code="khachmaz"),
            first_name="Bench",
            last_name="Officer",
        )
    device = TOTPDevice.objects.create(user=officer, name="bench authenticator", confirmed=True)
    return officer, device


def _lookup_target():
    """A submitted application in the Khachmaz area and the applicant who owns it."""
    from umis.cases.models import Application

    application = (
        Application.objects.exclude(status="draft")
        .filter(place_of_stay_district__department__code="khachmaz")
        .select_related("applicant")
        .order_by("id")
        .first()
    )
    return application.number, application.applicant


def capture(cookies: Cookies, path: str) -> list[str]:
    """The SQL one GET of ``path`` issues, in order, by the same code in-process."""
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    client = DjangoClient()
    client.cookies["sessionid"] = cookies.session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code} in-process")
    return [q["sql"] for q in captured.captured_queries]


def _ours(port: int, cookies: Cookies, path: str, p: dict) -> list[LoadResult]:
    client = Client(port, cookies.headers())

    def get() -> bool:
        status, _ = client.request("GET", path)
        return status == 200

    run_sequential(get, p["warmup"])
    return [run_sequential(get, p["requests"]) for _ in range(p["repetitions"])]


def _bare(database: Database, statements: list[str], p: dict) -> list[LoadResult]:
    psql_timed(database, statements, p["warmup"])
    return [psql_timed(database, statements, p["requests"]) for _ in range(p["repetitions"])]


def _page_exists(port: int, cookies: Cookies) -> bool:
    status, _ = Client(port, cookies.headers()).request("GET", PAGE + "?limit=50")
    return status == 200


def _measure(name: str, port, database, cookies, path, p, report: Report) -> None:
    statements = capture(cookies, path)
    ours = _ours(port, cookies, path, p)
    bare = _bare(database, statements, p)
    errors = sum(r.errors for r in ours)
    if errors:
        report.notes.append(f"{name}: {errors} requests did not answer 200")
    report.rows.append(
        Row(
            f"{name} p95",
            "ms",
            median([r.p95_ms for r in ours]),
            median([r.p95_ms for r in bare]),
            "<= 5",
        )
    )
    report.details[name] = {
        "path": path,
        "ours_p50_ms": [round(r.p50_ms, 3) for r in ours],
        "ours_p95_ms": [round(r.p95_ms, 3) for r in ours],
        "bare_p50_ms": [round(r.p50_ms, 3) for r in bare],
        "bare_p95_ms": [round(r.p95_ms, 3) for r in bare],
        "statements": statements,
    }


def _query_counts(name: str, cookies: Cookies, path: str, report: Report) -> None:
    sep = "&" if "?" in path else "?"
    at_10 = len(capture(cookies, f"{path}{sep}limit=10"))
    at_100 = len(capture(cookies, f"{path}{sep}limit=100"))
    report.rows.append(Row(f"{name} statements at limit 100 vs 10", "count", at_100, at_10, "== 1"))


def _seeded(database: Database, p: dict, report: Report, *, reuse: bool):
    """Migrate and seed a fresh database, or bring a kept one up to the current schema."""
    migrate(database)
    setup_django(database)
    officer, device = _officer()
    if reuse:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE cases_application")
        report.details["seeding"] = {"reused": True}
        return officer, device
    applicants = create_applicants(p["applicants"])
    began = time.perf_counter()
    seeding = seed_applications(p["rows"], [a.pk for a in applicants])
    report.details["seeding"] = {**seeding, "total_seconds": time.perf_counter() - began}
    return officer, device


def run(
    *,
    smoke: bool = False,
    results_dir: Path | None = None,
    keep: bool = False,
    rows=None,
    reuse: bool = False,
) -> Report:
    require_tools("psql")
    p = dict(SMOKE if smoke else FULL)
    if rows:
        p["rows"] = rows
    server = Database(server_url())
    name = bench_database_name("b2", smoke=smoke)
    database = server.with_name(name) if reuse else fresh_database(server, name)
    report = Report("B2-queue", {**p, "concurrency": 1, "smoke": smoke, "reused": reuse})
    logs = (results_dir or RESULTS_DIR) / "logs"
    try:
        officer, device = _seeded(database, p, report, reuse=reuse)
        number, owner = _lookup_target()
        applicant = signed_in_cookies(owner)
        with web_server(database, threads=4, log=logs / f"{name}.log") as port:
            staff = staff_sign_in(
                port, username=officer.username, password=OFFICER_PASSWORD, device=device
            )
            _measure("B2a office queue API", port, database, staff, QUEUE + "?limit=50", p, report)
            _query_counts("B2a office queue API", staff, QUEUE, report)
            if _page_exists(port, staff):
                # The page has a fixed page size, so only the API's statement count is
                # compared across sizes.
                _measure("B2a office queue page", port, database, staff, PAGE, p, report)
            else:
                report.notes.append(f"{PAGE} does not exist yet: the page was not measured")
            lookup = LOOKUP.format(number=number)
            _measure("B2b status look-up API", port, database, applicant, lookup, p, report)
        report.details["queue_rows_in_jurisdiction"] = _jurisdiction_size(officer)
        report.notes.append(
            f"median over {p['repetitions']} repetitions of {p['requests']} sequential "
            "requests (after a warm-up); the bare query is every statement of the request"
        )
    finally:
        close_django()
        if not keep:
            drop_database(server, name)
    return report


def _jurisdiction_size(officer) -> int:
    from umis.cases.selectors import applications_visible_to

    return applications_visible_to(officer).count()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    parser.add_argument("--rows", type=int, default=None, help="applications to seed")
    parser.add_argument("--results-dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database a --keep run left (migrated to the current schema)",
    )
    args = parser.parse_args(argv)
    report = run(
        smoke=args.smoke,
        results_dir=args.results_dir,
        keep=args.keep or args.reuse,
        rows=args.rows,
        reuse=args.reuse,
    )
    report.print()
    path = report.write(args.results_dir, stem="b2-smoke" if args.smoke else "b2")
    print(f"  written: {path}")


if __name__ == "__main__":
    main()
