"""The simulators' switches and replay protection, as UMIS's client sees them, through the
simulators this process mounts at /simulators/ (the switch is shared with the standalone
ones: tests/exchange/test_simulator_server.py)."""

from __future__ import annotations

import json
import time

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from umis.core.errors import ValidationFailed
from umis.exchange import systems
from umis.exchange.adapters.payment import DUTY_STATUS
from umis.exchange.client import AnswerRejected, SystemUnavailable, _judge
from umis.exchange.envelope import RequestEnvelope
from umis.exchange.models import (
    ExchangeMessage,
    MessageOutcome,
    RejectionReason,
    SimulatorSeenMessage,
    SimulatorSwitch,
)
from umis.exchange.simulators.control import control
from umis.exchange.simulators.replay import SEEN_RETENTION, message_first_seen
from umis.exchange.simulators.switches import Switch, checked_switch, simulator_switch_set
from umis.exchange.transport import InProcessTransport

pytestmark = pytest.mark.django_db

REFERENCE = "UMIS-2026-SWITCH01"


@pytest.fixture(autouse=True)
def _one_attempt(settings):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    settings.UMIS_EXCHANGE_BREAKER_FAILURES = 100  # the breaker is tested on its own


def duty_status():
    return systems.payment().duty_status(reference=REFERENCE)


def switch(system: str, mode: str, delay: float | None = None) -> None:
    simulator_switch_set(system=system, switch=checked_switch(mode=mode, delay=delay))


def last_message() -> ExchangeMessage:
    return ExchangeMessage.objects.order_by("-id").first()


def test_a_failing_system_is_unavailable_and_recovers_when_switched_back():
    switch("payment", "failing")

    with pytest.raises(SystemUnavailable):
        duty_status()
    message = last_message()
    assert (message.outcome, message.http_status) == (MessageOutcome.UNAVAILABLE, 503)

    switch("payment", "normal")
    assert duty_status().paid is False
    assert last_message().outcome == MessageOutcome.OK


@pytest.mark.parametrize(
    "mode, reason",
    [("garbage", RejectionReason.SCHEMA), ("forged", RejectionReason.BAD_SIGNATURE)],
)
def test_garbage_and_forged_answers_are_rejected_with_their_reason(mode, reason):
    switch("payment", mode)

    with pytest.raises(AnswerRejected) as caught:
        duty_status()

    assert caught.value.reason == reason
    message = last_message()
    assert (message.outcome, message.rejection_reason) == (MessageOutcome.REJECTED, reason)
    switch("payment", "normal")
    assert duty_status().paid is False


def test_a_switch_affects_only_its_own_system():
    switch("border", "failing")
    assert duty_status().paid is False


def test_a_slow_system_answers_after_its_delay():
    switch("payment", "slow", 0.3)
    started = time.monotonic()
    assert duty_status().paid is False
    assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize(
    "mode, delay, field",
    [
        ("broken", None, "mode"),
        ("slow", "soon", "delay"),
        ("slow", -1, "delay"),
        ("slow", 601, "delay"),
    ],
)
def test_a_wrong_switch_is_refused_naming_the_field(mode, delay, field):
    with pytest.raises(ValidationFailed) as caught:
        checked_switch(mode=mode, delay=delay)
    assert list(caught.value.fields) == [field]


def test_slow_without_a_delay_waits_five_seconds():
    assert checked_switch(mode="slow", delay=None) == Switch("slow", 5.0)


# --- replay protection -----------------------------------------------------------------------


class RecordingTransport(InProcessTransport):
    sent: list[tuple[str, bytes, dict[str, str]]] = []

    def post(self, url, body, *, headers, timeout):
        RecordingTransport.sent.append((url, body, dict(headers)))
        return super().post(url, body, headers=headers, timeout=timeout)


def test_a_replayed_request_is_refused_with_a_signed_answer_naming_the_reason(settings):
    settings.UMIS_EXCHANGE_TRANSPORT = "tests.exchange.test_simulator_switches.RecordingTransport"
    RecordingTransport.sent = []
    duty_status()
    url, body, headers = RecordingTransport.sent[0]

    # Someone who caught the signed request sends the very same bytes again.
    replay = InProcessTransport().post(url, body, headers=headers, timeout=5)

    assert replay.status == 409
    assert b"message id was seen before" in replay.body
    request, _signature = RequestEnvelope.from_headers(
        {k.lower(): v for k, v in headers.items()}, body=body
    )
    verdict = _judge(replay, request, DUTY_STATUS)
    assert verdict.outcome == MessageOutcome.REFUSED  # signed, verified, and a refusal
    assert "seen before" in verdict.error


def test_a_message_id_is_new_once_per_system_and_old_ids_are_forgotten():
    assert message_first_seen(system="payment", message_id="m-1") is True
    assert message_first_seen(system="payment", message_id="m-1") is False
    assert message_first_seen(system="border", message_id="m-1") is True  # another member

    SimulatorSeenMessage.objects.update(
        seen_at=SimulatorSeenMessage.objects.get(system="border").seen_at - SEEN_RETENTION * 2
    )
    assert message_first_seen(system="health", message_id="m-2") is True
    assert list(SimulatorSeenMessage.objects.values_list("message_id", flat=True)) == ["m-2"]


# --- the control endpoint and the command -------------------------------------------------


def post_control(system, body, *, token="control-token", addr="127.0.0.1"):
    request = RequestFactory().post(
        f"/_control/{system}",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"} if token else {},
        REMOTE_ADDR=addr,
    )
    return control(request, system)


@pytest.fixture
def control_token(settings):
    settings.UMIS_SIMULATOR_CONTROL_TOKEN = "control-token"


def test_the_control_endpoint_switches_a_system(control_token):
    response = post_control("payment", {"mode": "slow", "delay": 2})
    assert response.status_code == 200
    row = SimulatorSwitch.objects.get(system="payment")
    assert (row.mode, row.delay_seconds) == ("slow", 2.0)


@pytest.mark.parametrize(
    "changes, status",
    [
        ({"token": ""}, 403),
        ({"token": "guessed"}, 403),
        ({"addr": "10.0.0.5"}, 403),
        ({"system": "nowhere"}, 404),
        ({"body": {"mode": "broken"}}, 422),
        ({"body": ["failing"]}, 400),
    ],
)
def test_the_control_endpoint_refuses_strangers_and_bad_input(control_token, changes, status):
    system = changes.pop("system", "payment")
    body = changes.pop("body", {"mode": "failing"})
    response = post_control(system, body, **changes)
    assert response.status_code == status
    assert json.loads(response.content)["error"]["message"]
    assert not SimulatorSwitch.objects.exists()


def test_a_bad_mode_is_named_in_the_answer(control_token):
    response = post_control("payment", {"mode": "broken"})
    assert "mode" in json.loads(response.content)["error"]["fields"]


def test_without_a_configured_token_nobody_switches(settings):
    settings.UMIS_SIMULATOR_CONTROL_TOKEN = ""
    assert post_control("payment", {"mode": "failing"}, token="").status_code == 403


def test_the_simulator_mode_command_switches_and_lists(capsys):
    call_command("simulator_mode", "payment", "slow", "--delay", "3")
    assert "payment\tslow 3 s" in capsys.readouterr().out
    call_command("simulator_mode", "all", "failing")
    listed = capsys.readouterr().out
    assert "border\tfailing" in listed and "payment\tfailing" in listed
    call_command("simulator_mode", "payment", "normal")
    assert "payment\tnormal" in capsys.readouterr().out


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["nowhere", "failing"], "nowhere is not a simulated system"),
        (["payment"], "Give the mode"),
        (["payment", "slow", "--delay", "0"], "number of seconds"),
    ],
)
def test_the_simulator_mode_command_explains_a_mistake(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("simulator_mode", *arguments)
