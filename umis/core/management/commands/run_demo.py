"""Serve the demo: the web process and the task worker together, stopped with Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def worker_environment(addr: str, port: int) -> dict[str, str]:
    """The worker's environment: unless told otherwise, it asks the state-system
    simulators that this very server serves, on whatever port it was given."""
    env = dict(os.environ)
    if settings.UMIS_SIMULATORS and not env.get("UMIS_EXCHANGE_BASE_URL"):
        host = "127.0.0.1" if addr in {"0.0.0.0", "", "::"} else addr  # noqa: S104
        env["UMIS_EXCHANGE_BASE_URL"] = f"http://{host}:{port}/simulators/"
    return env


class Command(BaseCommand):
    help = "Run the web server and the background task worker until interrupted."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--addr", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, addr: str, port: int, threads: int, **options: Any) -> None:
        from waitress import serve

        from config.wsgi import application

        worker = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "db_worker",
                "--interval",
                "1",
                "--no-reload",
            ],
            env=worker_environment(addr, port),
        )
        self.stdout.write(
            self.style.SUCCESS(f"UMIS is running on http://{addr}:{port}/ (Ctrl-C stops it)")
        )
        self.stdout.write(f"  portal  http://{addr}:{port}/")
        self.stdout.write(f"  office  http://{addr}:{port}/office/")
        self.stdout.write(f"  API     http://{addr}:{port}/api/v1/docs")
        previous = signal.getsignal(signal.SIGTERM)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            serve(application, host=addr, port=port, threads=threads, ident="UMIS")
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
            self.stdout.write("UMIS stopped.")
