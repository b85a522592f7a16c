"""Our web server in the benchmark, and a keep-alive client.

The server is gunicorn serving config.wsgi as in production (several worker processes,
each with threads: Python runs one thread at a time per process, so one process cannot
use more than one core), in its own process group on a free port of 127.0.0.1, with DEBUG
off and the benchmark database; its log goes to a file beside the results.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.pg import ROOT, Database, django_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def default_workers() -> int:
    """One worker process per core, at least two (one may wait on the database)."""
    return max(2, os.cpu_count() or 1)


@contextmanager
def web_server(
    database: Database,
    *,
    threads: int,
    log: Path,
    workers: int | None = None,
    settings_module: str = "config.settings",
):
    """Run the web server for the duration of the block; yields its port.

    ``threads`` is the total across workers (the concurrency the server admits at once).
    """
    port = free_port()
    workers = workers or default_workers()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={max(1, -(-threads // workers))}",
        "--keep-alive=75",
        "--access-logfile=-" if os.environ.get("UMIS_BENCH_ACCESS_LOG") else "--log-level=warning",
        "config.wsgi:application",
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, env=django_env(database, settings_module), stdout=out, stderr=out
        )
    try:
        _wait_healthy(port, process, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the web server exited; see {log}")
        try:
            status, _ = Client(port).request("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the web server did not answer /healthz in {timeout} s; see {log}")


class Client:
    """One keep-alive HTTP/1.1 connection, like one browser tab (not thread-safe)."""

    def __init__(self, port: int, headers: dict[str, str] | None = None) -> None:
        self.port = port
        self.headers = dict(headers or {})
        self._conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        all_headers = {**self.headers, **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self._conn.request(method, path, body=data, headers=all_headers)
                response = self._conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
