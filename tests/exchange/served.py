"""The simulators served on free ports by a real WSGI server in this process's threads, and
their control endpoint, for the tests that reach them over HTTP (transactional tests: the
server's threads have connections of their own)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

from umis.exchange.simulators.server import SimulatorServers, mounted_systems

TOKEN = "served-control-token"


@contextmanager
def served_simulators(settings) -> Iterator[SimulatorServers]:
    """Every mounted system on a free port; UMIS's client pointed at them over HTTP."""
    settings.UMIS_SIMULATOR_CONTROL_TOKEN = TOKEN
    settings.UMIS_EXCHANGE_TRANSPORT = "http"
    servers = SimulatorServers(host="127.0.0.1", ports=dict.fromkeys(mounted_systems(), 0))
    servers.start()
    settings.UMIS_EXCHANGE_URLS = servers.urls
    # The servers' threads each open a connection of their own: closed after each request
    # here, so that none is left open on the test database. (This dict is the one every
    # thread's connection is made from.)
    database = connections["default"].settings_dict
    kept, database["CONN_MAX_AGE"] = database["CONN_MAX_AGE"], 0
    try:
        yield servers
    finally:
        servers.stop()
        database["CONN_MAX_AGE"] = kept


def post_json(url: str, data: object, token: str = TOKEN) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - our own test server
        url,
        data=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def switch(servers: SimulatorServers, system: str, mode: str, delay: float | None = None) -> None:
    """Switch a served system through its control endpoint, as an operator would."""
    url = f"{servers.urls[system]}_control/{system}"
    status, answer = post_json(url, {"mode": mode, "delay": delay})
    assert status == 200, answer
