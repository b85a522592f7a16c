"""B9: verifying a permit over HTTP, against the same server's /healthz.

Ours, two ways a verifier proves a permit:
- ``POST /api/v1/verify`` with the text of a real permit's QR code: the signature checked
  with the published keys, no database (``online: false``, as a scanner with no connection
  checks it); and again with the online line (the register's status now: one look-up and
  its audit row), reported beside it;
- ``POST /api/v1/share-codes/check`` with a share code the holder made, the holder's birth
  date and the verifier's organisation: the code's keyed digest looked up, the purpose's
  answer built, the check logged for the holder and audited.

Baseline: ``GET /healthz`` of the same server (one ``SELECT 1``), at the same concurrency,
alternating with ours. The permit is issued the way a real one is (``seed_demo`` takes the
demo's temporary residence permit through every step). All load comes from one address,
so the per-address limits of the public checks are raised for the benchmark's server; they
are still counted, in Redis as production counts them (``UMIS_BENCH_CACHE_URL``, by default
the local server's database 14), or in the server's memory when no Redis answers (noted).

    python -m bench.b9_verify [--smoke]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench import cpu
from bench.app import close_django, setup_django
from bench.load import LoadResult, median, run_concurrent, summarise
from bench.pg import (
    ROOT,
    Database,
    bench_database_name,
    django_env,
    drop_database,
    fresh_database,
    migrate,
    server_url,
)
from bench.report import RESULTS_DIR, Report, Row, run_from_command_line
from bench.server import Client, web_server

VERIFY = "/api/v1/verify"
SHARE_CHECK = "/api/v1/share-codes/check"
HEALTHZ = "/healthz"
FULL = {"concurrency": 16, "seconds": 10.0, "repetitions": 5, "warmup_seconds": 3.0}
SMOKE = {"concurrency": 4, "seconds": 1.0, "repetitions": 1, "warmup_seconds": 0.5}
# One address sends everything here: the public checks' limits would refuse it at once.
UNLIMITED = {
    "UMIS_PERMIT_VERIFY_CHECKS_PER_ADDRESS": str(10**9),
    "UMIS_SHARE_CHECKS_PER_ADDRESS": str(10**9),
    "UMIS_SHARE_CHECKS_PER_CODE": str(10**9),
}


DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/14"


def _shared_cache() -> str | None:
    """The Redis the server counts its public checks in, as production does, if it answers."""
    import redis

    url = os.environ.get("UMIS_BENCH_CACHE_URL", DEFAULT_CACHE_URL)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


def _seed(database: Database, checkpoints: Path) -> None:
    """The demo's users and its issued permit, through the project's own command (its
    audit checkpoint goes to a directory of the benchmark's own, never the demo's)."""
    done = subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "manage.py", "seed_demo", "--persons", "60", "-v", "0"],
        cwd=ROOT,
        env={**django_env(database), "UMIS_AUDIT_CHECKPOINT_DIR": str(checkpoints)},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seed_demo failed: {done.stderr[-2000:]}")


def _proofs() -> dict:
    """The QR text of the demo permit and a share code its holder made for it."""
    from umis.permits.models import Permit
    from umis.permits.qr import permit_qr_text
    from umis.permits.share_services import share_code_create

    permit = Permit.objects.select_related("holder", "application__applicant").first()
    if permit is None:
        raise RuntimeError("seed_demo issued no permit: nothing to verify")
    holder = permit.holder
    born = date(holder.birth_year, holder.birth_month or 1, holder.birth_day or 1)
    _share, code = share_code_create(
        holder=permit.application.applicant, permit=permit, purpose="right_to_work", days=30
    )
    return {
        "qr": {"code": permit_qr_text(permit), "online": False},
        "qr_online": {"code": permit_qr_text(permit)},
        "share": {
            "code": code,
            "birth_date": born.isoformat(),
            "organisation": "Benchmark employer",
        },
    }


def _operation(port: int, method: str, path: str, body: dict | None, expect):
    client = Client(port)

    def call() -> bool:
        status, raw = client.request(method, path, body)
        return status == 200 and expect(json.loads(raw))

    return call


def _valid_offline(answer: dict) -> bool:
    return answer.get("outcome") == "valid" and answer.get("online") is None


def _valid_qr(answer: dict) -> bool:
    return answer.get("outcome") == "valid" and bool((answer.get("online") or {}).get("checked"))


def _share_answered(answer: dict) -> bool:
    return bool(answer.get("reference"))


def _healthy(answer: dict) -> bool:
    return answer.get("status") == "ok"


def _measure(port: int, concurrency: int, seconds: float, method, path, body, expect):
    operations = [_operation(port, method, path, body, expect) for _ in range(concurrency)]
    return run_concurrent(operations, seconds)


def run(*, smoke: bool = False, results_dir: Path | None = None, keep: bool = False) -> Report:
    p = dict(SMOKE if smoke else FULL)
    server = Database(server_url())
    name = bench_database_name("b9", smoke=smoke)
    database = fresh_database(server, name)
    cache_url = _shared_cache()
    cache = "redis" if cache_url else "process memory"
    report = Report("B9-verify", {**p, "smoke": smoke, "rate_limit_cache": cache})
    logs = (results_dir or RESULTS_DIR) / "logs"
    server_env = {**UNLIMITED, "UMIS_CACHE_URL": cache_url or ""}
    saved = {key: os.environ.get(key) for key in server_env}
    os.environ.update(server_env)  # the server process inherits them
    try:
        migrate(database)
        with tempfile.TemporaryDirectory(prefix="umis-b9-") as checkpoints:
            _seed(database, Path(checkpoints))
        setup_django(database)
        proofs = _proofs()
        kinds = {
            "qr": ("POST", VERIFY, proofs["qr"], _valid_offline),
            "qr_online": ("POST", VERIFY, proofs["qr_online"], _valid_qr),
            "share": ("POST", SHARE_CHECK, proofs["share"], _share_answered),
            "healthz": ("GET", HEALTHZ, None, _healthy),
        }
        runs: dict[str, list[LoadResult]] = {kind: [] for kind in kinds}
        spent = {kind: cpu.CpuPerRequest() for kind in kinds}
        with web_server(database, threads=p["concurrency"], log=logs / f"{name}.log") as port:
            for kind, (method, path, body, expect) in kinds.items():
                first = _operation(port, method, path, body, expect)
                if not first():
                    raise RuntimeError(f"{kind}: the first request did not get the right answer")
                _measure(port, p["concurrency"], p["warmup_seconds"], method, path, body, expect)
            # Alternate, so that drift of a shared machine touches every side alike.
            for _ in range(p["repetitions"]):
                for kind, (method, path, body, expect) in kinds.items():
                    before = cpu.snapshot(port)
                    result = _measure(
                        port, p["concurrency"], p["seconds"], method, path, body, expect
                    )
                    spent[kind].add(
                        cpu.spent_between(before, cpu.snapshot(port)), result.ok + result.errors
                    )
                    runs[kind].append(result)
        rate = {kind: median([r.per_second for r in results]) for kind, results in runs.items()}
        p95 = {kind: median([r.p95_ms for r in results]) for kind, results in runs.items()}
        concurrency = p["concurrency"]
        report.rows = [
            Row(
                f"B9 QR verification/s, concurrency {concurrency}",
                "req/s",
                rate["qr"],
                rate["healthz"],
                ">= 0.5",
            ),
            Row(
                f"B9 share-code check/s, concurrency {concurrency}",
                "req/s",
                rate["share"],
                rate["healthz"],
                ">= 0.5",
            ),
            Row(
                "B9 QR verification with the online line/s",
                "req/s",
                rate["qr_online"],
                rate["healthz"],
            ),
            Row("B9 QR verification p95", "ms", p95["qr"], p95["healthz"]),
            Row("B9 share-code check p95", "ms", p95["share"], p95["healthz"]),
        ]
        cpu_ms = {kind: spent[kind].ms() for kind in kinds}
        if cpu_ms["healthz"]:
            report.rows += [
                Row(
                    "B9 share-code check CPU per request, all processes",
                    "ms",
                    cpu_ms["share"]["total"],
                    cpu_ms["healthz"]["total"],
                ),
                Row(
                    "B9 QR verification CPU per request, all processes",
                    "ms",
                    cpu_ms["qr"]["total"],
                    cpu_ms["healthz"]["total"],
                ),
            ]
        report.details = {kind: summarise(results) for kind, results in runs.items()}
        report.details["cpu_ms_per_request"] = {
            kind: {who: round(ms, 3) for who, ms in split.items()} for kind, split in cpu_ms.items()
        }
        errors = sum(r.errors for results in runs.values() for r in results)
        if errors:
            report.notes.append(f"{errors} requests failed during measurement (see log)")
        if cpu_ms["healthz"]:
            report.notes.append(
                "CPU per request: the client, the web server and PostgreSQL together (split in "
                "details); a requests/s ratio near the inverse of the CPU ratio means every core "
                "was busy and the CPU a request costs sets the rate"
            )
        if not cache_url:
            report.notes.append(
                "no Redis answered: the rate limits counted in each server process's memory, "
                "not in the shared cache production requires (one round trip fewer per check)"
            )
        report.notes.append(
            f"median of {p['repetitions']} repetitions of {p['seconds']:.0f} s each; the QR "
            "checks, the share code and /healthz alternate"
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        close_django()
        if not keep:
            drop_database(server, name)
    return report


def main(argv: list[str] | None = None) -> None:
    run_from_command_line(run, doc=__doc__, stem="b9", argv=argv)


if __name__ == "__main__":
    main()
