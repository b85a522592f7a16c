"""Running pgbench with a custom script and reading its rate and per-transaction latencies."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from bench.load import LoadResult
from bench.pg import Database

_TPS = re.compile(r"^tps = ([0-9.]+) \(without initial connection time\)", re.MULTILINE)
_FAILED = re.compile(r"^number of failed transactions: (\d+)", re.MULTILINE)


def run_pgbench(
    database: Database, script: str, *, clients: int, seconds: float, threads: int = 4
) -> LoadResult:
    """``clients`` connections running ``script`` for ``seconds``; latencies from its log."""
    with tempfile.TemporaryDirectory(prefix="umis-pgbench-") as work:
        script_path = Path(work) / "script.sql"
        script_path.write_text(script)
        command = [
            "pgbench",
            "--no-vacuum",
            "--protocol=simple",  # what Django's psycopg client-side binding sends
            f"--client={clients}",
            f"--jobs={min(threads, clients)}",
            f"--time={max(1, round(seconds))}",
            f"--file={script_path}",
            "--log",
            f"--log-prefix={Path(work) / 'tx'}",
            *database.cli_args(),
        ]
        done = subprocess.run(  # noqa: S603 - fixed arguments, our own script
            command, capture_output=True, text=True, env=database.cli_env(), cwd=work
        )
        if done.returncode != 0:
            raise RuntimeError(f"pgbench failed:\n{done.stdout}\n{done.stderr}")
        latencies = []
        for log in Path(work).glob("tx.*"):
            for line in log.read_text().splitlines():
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]) / 1000)
    tps = _TPS.search(done.stdout)
    if tps is None:
        raise RuntimeError(f"pgbench printed no rate:\n{done.stdout}")
    failed = _FAILED.search(done.stdout)
    duration = max(1, round(seconds))
    return LoadResult(
        ok=round(float(tps.group(1)) * duration),
        errors=int(failed.group(1)) if failed else 0,
        seconds=duration,
        latencies_ms=latencies,
    )
