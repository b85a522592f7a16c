"""The simulators served on their own ports by a real WSGI server (waitress), reached over
HTTP by UMIS's real client, switched through their control endpoint; and the command that
serves them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.exchange.served import post_json, served_simulators, switch
from umis.exchange import systems
from umis.exchange.client import AnswerRejected, SystemUnavailable
from umis.exchange.members import SYSTEMS
from umis.exchange.models import ExchangeMessage, MessageOutcome, RejectionReason
from umis.exchange.simulators.server import mounted_systems, system_ports

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCE = "UMIS-2026-SERVED01"


@pytest.fixture
def served(settings):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    settings.UMIS_EXCHANGE_BREAKER_FAILURES = 100  # the breaker is tested on its own
    with served_simulators(settings) as servers:
        yield servers


def duty_status():
    return systems.payment().duty_status(reference=REFERENCE)


def last_message() -> ExchangeMessage:
    return ExchangeMessage.objects.order_by("-id").first()


def test_each_system_answers_on_its_own_port_and_nothing_else_does(served):
    assert len(set(served.ports.values())) == len(served.ports) >= 4
    assert duty_status().paid is False
    message = last_message()
    assert (message.system, message.outcome, message.http_status) == ("payment", "ok", 200)

    # The payment port is the payment gateway only: another system's path is not there,
    # and neither is anything else of UMIS.
    for path in (
        "crossings/search",
        "../border/crossings/search",
        "simulators/border/crossings/search",
        "healthz",
        "api/v1/docs",
    ):
        assert _status(served.urls["payment"] + path) == 404, path
    # A link a simulator made for itself (with its /simulators/<system>/ prefix) still works.
    assert _status(served.urls["payment"] + "simulators/payment/payments") == 400


def _status(url: str) -> int:
    request = urllib.request.Request(url, data=b"{}", method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize(
    "mode, delay, outcome, reason",
    [
        ("failing", None, MessageOutcome.UNAVAILABLE, ""),
        ("garbage", None, MessageOutcome.REJECTED, RejectionReason.SCHEMA),
        ("forged", None, MessageOutcome.REJECTED, RejectionReason.BAD_SIGNATURE),
        ("slow", 2, MessageOutcome.UNAVAILABLE, ""),  # longer than the client waits
    ],
)
def test_each_switch_changes_what_the_client_sees_and_normal_recovers(
    served, settings, mode, delay, outcome, reason
):
    settings.UMIS_EXCHANGE_TIMEOUT_SECONDS = 0.5
    switch(served, "payment", mode, delay)

    with pytest.raises(AnswerRejected if reason else SystemUnavailable) as caught:
        duty_status()

    message = last_message()
    assert (message.outcome, message.rejection_reason) == (outcome, reason)
    if reason:
        assert caught.value.reason == reason
    if mode == "slow":
        assert message.http_status is None and "timed out" in message.error
    if mode == "failing":
        assert message.http_status == 503

    switch(served, "payment", "normal")
    assert duty_status().paid is False
    assert last_message().outcome == MessageOutcome.OK


def test_a_slow_system_within_the_clients_patience_still_answers(served, settings):
    settings.UMIS_EXCHANGE_TIMEOUT_SECONDS = 5
    switch(served, "payment", "slow", 0.5)
    assert duty_status().paid is False
    assert last_message().duration_ms >= 500


def test_the_control_endpoint_wants_the_token(served):
    status, answer = post_json(
        f"{served.urls['payment']}_control/payment", {"mode": "failing"}, "no"
    )
    assert status == 403 and "token" in answer["error"]["message"]
    assert duty_status().paid is False


# --- the command ----------------------------------------------------------------------------


def _free_base_port(count: int) -> int:
    """A base port with ``count`` free ports after it (the command's table spans them)."""
    for base in range(23100, 40000, 97):
        sockets = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise AssertionError("no free ports")


def _database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_the_command_serves_every_mounted_system_on_its_port(settings):
    base = _free_base_port(len(SYSTEMS))
    env = {**os.environ, "DATABASE_URL": _database_url(), "UMIS_DEFAULT_LANGUAGE": "en"}
    command = [
        sys.executable,
        str(django_settings.BASE_DIR / "manage.py"),
        "run_simulators",
        "--base-port",
        str(base),
        "--mode",
        "border=failing",
    ]
    process = subprocess.Popen(  # noqa: S603 - our own manage.py
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        table = [process.stdout.readline() for _line in range(len(mounted_systems()) + 2)]
        ports = system_ports(base)
        for system, port in ports.items():
            assert any(f"{system} " in row and f":{port}/" in row for row in table), table
        assert any("border " in row and "failing" in row for row in table)

        settings.UMIS_EXCHANGE_TRANSPORT = "http"
        settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
        settings.UMIS_EXCHANGE_URLS = {s: f"http://127.0.0.1:{p}/" for s, p in ports.items()}
        assert duty_status().paid is False
        assert last_message().outcome == MessageOutcome.OK
        with pytest.raises(SystemUnavailable):
            systems.border().entry_exit(
                document_number="P12345678",
                nationality="IRN",
                birth_date=date(1988, 4, 17),
                arrival_date=None,
                reference=REFERENCE,
            )
    finally:
        process.terminate()
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "stopped" in out
