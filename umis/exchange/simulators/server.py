"""The simulators as standalone HTTP services: each simulated system on its own port.

Whatever ``umis.exchange.urls`` mounts is served, one port per system (the first part of
each route is the system), so a simulator module added there is served here without a
list of its own. Ports follow the order of the ten systems in ``members.SYSTEMS`` from the
base port (8101 the e-Government portal, 8102 the population registry, 8103 the border,
8104 payments, ...), so a system keeps its port whichever others are served; a system not
among the ten comes after them.

One process, threads: every system gets its own waitress server (its own listening socket
and pool of threads) on one shared event loop. The simulators wait on the database and, when
slow, on ``time.sleep``, so one process with threads is not held back by Python's one
running thread at a time; Django is loaded once instead of ten times; a system switched to
slow ties up only its own threads; and Ctrl-C stops them all at once. Nothing is shared in
memory: the switches and the message ids seen are in the database, as for the simulators
the web server mounts.

A request to ``http://host:port/<operation>`` is the request to
``/simulators/<system>/<operation>`` of ``umis.exchange.urls`` (a path that already starts
so, as the links a simulator makes with ``reverse()`` do, is taken as it is);
``/_control/<system>`` is the control endpoint (``umis.exchange.simulators.control``).
Nothing else of UMIS is reachable.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.urls import URLPattern, URLResolver
from waitress import wasyncore
from waitress.server import create_server

from umis.exchange.members import SYSTEMS

DEFAULT_BASE_PORT = 8101
THREADS_PER_SYSTEM = 4
URLCONF = "umis.exchange.simulators.server_urls"
CONTROL_PREFIX = "/_control/"


def mounted_systems() -> list[str]:
    """The systems ``umis.exchange.urls`` mounts, the ten known ones in their order first."""
    from umis.exchange import urls

    found: list[str] = []
    for pattern in urls.urlpatterns:
        if isinstance(pattern, URLPattern | URLResolver):
            first = str(pattern.pattern).split("/", 1)[0]
            if first and first[0].isalnum() and first not in found:
                found.append(first)
    known = [system for system in SYSTEMS if system in found]
    return known + sorted(set(found) - set(known))


def system_ports(base_port: int, systems: list[str] | None = None) -> dict[str, int]:
    """Each served system's port: its place among the ten, then the others in turn."""
    systems = mounted_systems() if systems is None else systems
    ports, extra = {}, len(SYSTEMS)
    for system in systems:
        if system in SYSTEMS:
            ports[system] = base_port + SYSTEMS.index(system)
        else:
            ports[system], extra = base_port + extra, extra + 1
    return ports


def connect_host(host: str) -> str:
    """The address clients use for a server listening on ``host``."""
    return "127.0.0.1" if host in {"0.0.0.0", "", "::"} else host  # noqa: S104


def system_urls(host: str, ports: dict[str, int]) -> dict[str, str]:
    shown = connect_host(host)
    shown = f"[{shown}]" if ":" in shown else shown
    return {system: f"http://{shown}:{port}/" for system, port in ports.items()}


class _SimulatorsHandler(WSGIHandler):
    """Django's handler, resolving against the simulators' URLs only."""

    def get_response(self, request: Any) -> Any:
        request.urlconf = URLCONF
        return super().get_response(request)


class SystemApplication:
    """The WSGI application of one system's port."""

    def __init__(self, system: str, handler: WSGIHandler) -> None:
        self.system, self.handler = system, handler

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "") or "/"
        own = f"/simulators/{self.system}/"
        # A link a simulator made with reverse() already carries its own prefix.
        if not (path.startswith(CONTROL_PREFIX) or path.startswith(own)):
            environ = {**environ, "PATH_INFO": own.rstrip("/") + path}
        return self.handler(environ, start_response)


class SimulatorServers:
    """Every system's server on one event loop; ``start`` in a thread or ``run`` here."""

    def __init__(self, *, host: str, ports: dict[str, int], threads: int = THREADS_PER_SYSTEM):
        handler = _SimulatorsHandler()
        self._map: dict[int, Any] = {}
        self._servers = [
            create_server(
                SystemApplication(system, handler),
                map=self._map,
                host=host,
                port=port,
                threads=threads,
                ident=f"UMIS simulator {system}",
                clear_untrusted_proxy_headers=True,
            )
            for system, port in ports.items()
        ]
        self._thread: threading.Thread | None = None
        # The ports really bound (port 0 asks the system for a free one, as tests do).
        self.ports = {
            system: int(server.effective_port)
            for system, server in zip(ports, self._servers, strict=True)
        }
        self.urls = system_urls(host, self.ports)

    def run(self) -> None:
        """Serve until ``stop`` (from another thread) or KeyboardInterrupt."""
        try:
            wasyncore.loop(timeout=0.5, map=self._map)
        finally:
            self._close_dispatchers()

    def start(self) -> SimulatorServers:
        self._thread = threading.Thread(target=self.run, name="simulators", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        # Closed from inside the loop's own thread: the loop ends once its map is empty.
        if self._map:
            with contextlib.suppress(OSError):  # the loop may have closed it already
                self._servers[0].trigger.pull_trigger(lambda: wasyncore.close_all(self._map))
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _close_dispatchers(self) -> None:
        wasyncore.close_all(self._map)
        for server in self._servers:
            server.task_dispatcher.shutdown(timeout=2)
