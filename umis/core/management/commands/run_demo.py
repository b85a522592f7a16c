"""Serve the demo: the web process, the task worker and the state-system simulators
together, stopped with Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from umis.exchange.simulators.server import (
    DEFAULT_BASE_PORT,
    connect_host,
    system_ports,
    system_urls,
)

SIMULATORS_HOST = "127.0.0.1"  # never on the network, whatever the web server listens on
SIMULATORS_START_SECONDS = 60


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def exchange_url_variable(system: str) -> str:
    return "UMIS_EXCHANGE_URL_" + system.upper().replace("-", "_")


def worker_environment(
    addr: str, port: int, simulator_urls: dict[str, str] | None = None
) -> dict[str, str]:
    """The worker's environment: unless told otherwise, it asks the simulators the demo
    started, each system at its own port, and any other system at this very server's
    /simulators/, on whatever port it was given."""
    env = dict(os.environ)
    if settings.UMIS_SIMULATORS and not env.get("UMIS_EXCHANGE_BASE_URL"):
        env["UMIS_EXCHANGE_BASE_URL"] = f"http://{connect_host(addr)}:{port}/simulators/"
        for system, url in (simulator_urls or {}).items():
            if not env.get(exchange_url_variable(system)):  # an explicit address is kept
                env[exchange_url_variable(system)] = url
    return env


def simulators_listening(ports: dict[str, int], process: subprocess.Popen) -> None:
    """Wait until every simulator port answers; fail if the simulators' process ended."""
    deadline = time.monotonic() + SIMULATORS_START_SECONDS
    waiting = set(ports.values())
    while waiting:
        if process.poll() is not None:
            raise CommandError(_("The simulators did not start (is a port in use?)."))
        if time.monotonic() > deadline:
            raise CommandError(_("The simulators did not open their ports in time."))
        for port in sorted(waiting):
            try:
                socket.create_connection((SIMULATORS_HOST, port), timeout=0.5).close()
                waiting.discard(port)
            except OSError:
                time.sleep(0.2)
                break


def _stop(process: subprocess.Popen | None) -> None:
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


class Command(BaseCommand):
    help = "Run the web server and the background task worker until interrupted."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--addr", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--simulators-port",
            type=int,
            default=DEFAULT_BASE_PORT,
            help="the first port of the state-system simulators (one port per system)",
        )
        parser.add_argument(
            "--no-simulators",
            action="store_true",
            help="do not start the standalone simulators (the server's /simulators/ answer)",
        )

    def _start_simulators(self, base_port: int) -> tuple[subprocess.Popen, dict[str, str]]:
        ports = system_ports(base_port)
        process = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "run_simulators",
                "--host",
                SIMULATORS_HOST,
                "--base-port",
                str(base_port),
            ]
        )
        try:
            simulators_listening(ports, process)
        except CommandError:
            _stop(process)
            raise
        return process, system_urls(SIMULATORS_HOST, ports)

    def handle(self, *args: Any, addr: str, port: int, threads: int, **options: Any) -> None:
        from waitress import serve

        from config.wsgi import application

        simulators, simulator_urls = None, {}
        wanted = not options["no_simulators"] and not os.environ.get("UMIS_EXCHANGE_BASE_URL")
        if settings.UMIS_SIMULATORS and wanted:
            simulators, simulator_urls = self._start_simulators(options["simulators_port"])
            # This process's own calls (the web server's) go to them too; the worker and
            # later commands get them through their environment.
            settings.UMIS_EXCHANGE_URLS = {
                **simulator_urls,
                **{s: url for s, url in settings.UMIS_EXCHANGE_URLS.items() if url},
            }
        worker = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "db_worker",
                "--interval",
                "1",
                "--no-reload",
            ],
            env=worker_environment(addr, port, simulator_urls),
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
            _stop(worker)
            _stop(simulators)
            self.stdout.write("UMIS stopped.")
