"""The PostgreSQL server the benchmarks run against: databases, psql, pgbench, migrate.

Every benchmark gets a database of its own on the server named by ``DATABASE_URL`` (or
``UMIS_BENCH_DATABASE_URL``), created fresh, migrated with ``manage.py migrate`` and dropped
at the end, so a run never touches the data of the demo or the test suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


class BenchUnavailable(RuntimeError):
    """A tool or the server is missing: the benchmark cannot run here (not a failure)."""


def server_url() -> str:
    """The PostgreSQL server to use: an explicit bench URL, the project's, or the local one."""
    explicit = os.environ.get("UMIS_BENCH_DATABASE_URL")
    if explicit:
        return explicit
    project = os.environ.get("DATABASE_URL", "")
    if project.startswith(("postgres://", "postgresql://")):
        return project
    return DEFAULT_SERVER


@dataclass(frozen=True)
class Database:
    """One database on the server, with the connection facts psql and pgbench need."""

    url: str

    @property
    def _parts(self):
        return urlsplit(self.url)

    @property
    def name(self) -> str:
        return unquote(self._parts.path.lstrip("/"))

    def with_name(self, name: str) -> Database:
        parts = self._parts
        return Database(urlunsplit((parts.scheme, parts.netloc, "/" + name, "", "")))

    def cli_args(self) -> list[str]:
        """Connection arguments shared by psql and pgbench (host, port, user, database)."""
        parts = self._parts
        args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
        if parts.username:
            args += ["-U", unquote(parts.username)]
        return [*args, self.name]

    def cli_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self._parts.password:
            env["PGPASSWORD"] = unquote(self._parts.password)
        return env

    def connect(self, **kwargs) -> psycopg.Connection:
        parts = self._parts
        return psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or "postgres"),
            password=unquote(parts.password or "") or None,
            dbname=self.name,
            **kwargs,
        )


def bench_database_name(benchmark: str, *, smoke: bool) -> str:
    """Full runs reuse one name; smoke runs add the process id so that runs never collide."""
    return f"umis_bench_smoke_{benchmark}_{os.getpid()}" if smoke else f"umis_bench_{benchmark}"


def require_tools(*names: str) -> None:
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        raise BenchUnavailable(f"{', '.join(missing)} not found on PATH")


MAINTENANCE_DB = "postgres"  # always there; the URL's own database may not exist yet


def fresh_database(server: Database, name: str) -> Database:
    """Drop ``name`` if it exists and create it empty; returns its URL."""
    admin = server.with_name(MAINTENANCE_DB)
    try:
        with admin.connect(autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as exc:
        raise BenchUnavailable(f"PostgreSQL at {server.url} is not reachable: {exc}") from exc
    return server.with_name(name)


def drop_database(server: Database, name: str) -> None:
    with server.with_name(MAINTENANCE_DB).connect(autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def django_env(database: Database, settings_module: str = "config.settings") -> dict[str, str]:
    """The environment of a Django process (migrate, the web server) on ``database``."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE=settings_module,
        DJANGO_DEBUG="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def migrate(database: Database) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=django_env(database),
        check=True,
    )
