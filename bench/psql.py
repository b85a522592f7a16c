"""The bare-query baseline: the same SQL statements, run by psql, timed by psql itself.

One psql session runs the statements of one request again and again with ``\\timing on``
(results thrown away with ``\\o /dev/null``); psql measures each statement from sending it
to receiving the whole result, so connection set-up and process start are not counted.
An iteration's time is the sum over its statements: the database work of one request.
"""

from __future__ import annotations

import re
import subprocess

from bench.load import LoadResult
from bench.pg import Database
from umis.core.multi_statement import SEPARATOR

_TIME = re.compile(r"^Time: ([0-9.]+) ms", re.MULTILINE)
_EXECUTE = re.compile(r"\bEXECUTE (umis_prepared_\w+)\b")
_AUDIT_APPEND = re.compile(
    r'^(INSERT INTO "audit_auditentry" \("seq", .*?\) VALUES \()(\d+),', re.DOTALL
)


def replayable(statement: str) -> str:
    """The statement as it can run again and again.

    A captured audit append names the next sequence number, which is unique: replayed as
    is it would collide with the row it wrote the first time. The replay asks the table
    for the next number instead (as ``audit_record`` does under its lock).
    """
    return _AUDIT_APPEND.sub(r'\1(SELECT max("seq") + 1 FROM "audit_auditentry"),', statement)


def without_prepares(statements: list[str]) -> tuple[list[str], str]:
    """The statements without the PREPAREs of compiled queries and preparable statements,
    and those PREPAREs.

    The web process prepares each once per connection, so a captured request carries its
    PREPARE only if it was the connection's first. The replay prepares
    every one it executes once, untimed, as the web process has, and times the EXECUTEs.
    """
    from umis.core import multi_statement

    kept, names = [], set()
    for statement in statements:
        parts = [p for p in statement.split(SEPARATOR) if not p.lstrip().startswith("PREPARE ")]
        if parts:  # a string of PREPAREs only is gone
            names.update(_EXECUTE.findall(SEPARATOR.join(parts)))
            kept.append(SEPARATOR.join(parts))
    definitions = multi_statement.prepared_definitions()
    missing = names - definitions.keys()
    if missing:
        raise RuntimeError(f"no PREPARE known for {sorted(missing)}")
    prepares = [definitions[name] for name in sorted(names)]
    return kept, "\n".join(_terminated(prepare) for prepare in prepares)


def psql_timed(database: Database, statements: list[str], iterations: int) -> LoadResult:
    """Per-iteration totals (ms) of running ``statements`` ``iterations`` times."""
    statements, prepares = without_prepares(statements)
    body = "\n".join(_terminated(replayable(s)) for s in statements)
    script = prepares + "\n\\timing on\n\\o /dev/null\n" + "\n".join([body] * iterations) + "\n"
    done = subprocess.run(  # noqa: S603 - psql with fixed arguments, our own script on stdin
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *database.cli_args()],  # noqa: S607
        input=script,
        capture_output=True,
        text=True,
        env=database.cli_env(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"psql failed: {done.stderr[:2000]}")
    times = [float(t) for t in _TIME.findall(done.stdout)]
    # A string of several statements (umis.core.multi_statement) is timed per statement.
    per = sum(statement.count(SEPARATOR) + 1 for statement in statements)
    if len(times) != per * iterations:
        raise RuntimeError(f"psql printed {len(times)} timings, expected {per * iterations}")
    totals = [sum(times[i * per : (i + 1) * per]) for i in range(iterations)]
    return LoadResult(ok=iterations, seconds=sum(totals) / 1000, latencies_ms=totals)


def _terminated(statement: str) -> str:
    statement = statement.strip()
    return statement if statement.endswith(";") else statement + ";"
