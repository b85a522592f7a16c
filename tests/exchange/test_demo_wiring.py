"""The demo's worker asks the standalone simulators the demo starts, each at its port, and
any other system at the server it runs beside."""

import socket
import subprocess
import sys

import pytest
from django.core.management import CommandError

from umis.core.management.commands.run_demo import simulators_listening, worker_environment
from umis.exchange.simulators.server import mounted_systems, system_ports, system_urls


def test_the_worker_is_pointed_at_the_demo_servers_own_simulators(monkeypatch, settings):
    monkeypatch.delenv("UMIS_EXCHANGE_BASE_URL", raising=False)
    settings.UMIS_SIMULATORS = True
    assert worker_environment("127.0.0.1", 8765)["UMIS_EXCHANGE_BASE_URL"] == (
        "http://127.0.0.1:8765/simulators/"
    )
    assert worker_environment("0.0.0.0", 8000)["UMIS_EXCHANGE_BASE_URL"] == (  # noqa: S104
        "http://127.0.0.1:8000/simulators/"
    )


def test_an_explicit_exchange_address_is_kept(monkeypatch, settings):
    monkeypatch.setenv("UMIS_EXCHANGE_BASE_URL", "http://border.example/")
    settings.UMIS_SIMULATORS = True
    assert worker_environment("127.0.0.1", 8765)["UMIS_EXCHANGE_BASE_URL"] == (
        "http://border.example/"
    )


def test_the_worker_asks_each_standalone_simulator_at_its_port(monkeypatch, settings):
    monkeypatch.delenv("UMIS_EXCHANGE_BASE_URL", raising=False)
    monkeypatch.delenv("UMIS_EXCHANGE_URL_PAYMENT", raising=False)
    monkeypatch.setenv("UMIS_EXCHANGE_URL_HEALTH", "http://health.example/")
    settings.UMIS_SIMULATORS = True
    urls = system_urls("127.0.0.1", system_ports(8101, ["payment", "health"]))

    env = worker_environment("127.0.0.1", 8000, urls)

    assert env["UMIS_EXCHANGE_URL_PAYMENT"] == "http://127.0.0.1:8104/"
    assert env["UMIS_EXCHANGE_URL_HEALTH"] == "http://health.example/"  # explicit: kept
    assert env["UMIS_EXCHANGE_BASE_URL"] == "http://127.0.0.1:8000/simulators/"


def test_every_mounted_simulator_is_served_and_keeps_its_port_whatever_else_is_mounted():
    from umis.exchange import urls

    routes = {str(p.pattern).split("/")[0] for p in urls.urlpatterns}
    assert set(mounted_systems()) == routes
    assert system_ports(8101, ["payment"]) == {"payment": 8104}
    assert system_ports(8101, ["border", "payment", "state-security", "archive"]) == {
        "border": 8103,
        "payment": 8104,
        "state-security": 8110,
        "archive": 8111,  # not one of the ten: after them
    }


def test_the_demo_waits_for_the_simulators_ports_and_stops_if_they_cannot_start():
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    port = listening.getsockname()[1]
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])  # noqa: S603
    ended = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    ended.wait()
    try:
        simulators_listening({"payment": port}, running)  # returns: the port answers
        listening.close()
        with pytest.raises(CommandError, match="did not start"):
            simulators_listening({"payment": port}, ended)
    finally:
        running.kill()
        running.wait()
