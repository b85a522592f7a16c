"""Retries with backoff and full jitter, for idempotent operations only; the circuit breaker."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from umis.exchange import client, systems
from umis.exchange.adapters.border import CrossingsAnswer
from umis.exchange.client import SystemUnavailable, exchange_call
from umis.exchange.models import CircuitState, ExchangeMessage, MessageOutcome, SystemCircuit
from umis.exchange.operations import Operation
from umis.exchange.resilience import (
    backoff_delays,
    circuit_admit,
    circuit_failure,
    circuit_success,
)
from umis.exchange.transport import InProcessTransport, TransportError

pytestmark = pytest.mark.django_db


class CountingTransport(InProcessTransport):
    calls = 0
    failures_left = 0

    def post(self, url, body, *, headers, timeout):
        CountingTransport.calls += 1
        if CountingTransport.failures_left > 0:
            CountingTransport.failures_left -= 1
            raise TransportError("connection refused")
        return super().post(url, body, headers=headers, timeout=timeout)


@pytest.fixture(autouse=True)
def _counting(settings):
    settings.UMIS_EXCHANGE_TRANSPORT = "tests.exchange.test_resilience.CountingTransport"
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 4
    settings.UMIS_EXCHANGE_RETRY_BASE_SECONDS = 0.5
    settings.UMIS_EXCHANGE_RETRY_MAX_DELAY_SECONDS = 1.5
    settings.UMIS_EXCHANGE_RETRY_BUDGET_SECONDS = 60
    settings.UMIS_EXCHANGE_BREAKER_FAILURES = 3
    settings.UMIS_EXCHANGE_BREAKER_OPEN_SECONDS = 60
    CountingTransport.calls = 0
    CountingTransport.failures_left = 0


@pytest.fixture
def waits(monkeypatch):
    waited: list[float] = []
    monkeypatch.setattr(client, "_sleep", waited.append)
    monkeypatch.setattr(client, "_rng", random.Random(7))
    return waited


def ask(document="P12345678"):
    return systems.border().entry_exit(
        document_number=document,
        nationality="IRN",
        birth_date=date(1988, 4, 17),
        arrival_date=None,
        reference="R-1",
    )


def test_the_backoff_schedule_is_full_jitter_under_an_exponential_ceiling():
    delays = backoff_delays(attempts=6, base=0.5, cap=3.0, rng=random.Random(42))
    expected_rng = random.Random(42)
    ceilings = [0.5, 1.0, 2.0, 3.0, 3.0]
    assert delays == [expected_rng.uniform(0, c) for c in ceilings]
    assert all(0 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert backoff_delays(attempts=1, base=0.5, cap=3.0, rng=random.Random(1)) == []


def test_an_idempotent_call_is_tried_again_after_the_seeded_waits(waits):
    CountingTransport.failures_left = 2
    assert ask().travel_ban is False
    assert CountingTransport.calls == 3
    assert waits == backoff_delays(attempts=4, base=0.5, cap=1.5, rng=random.Random(7))[:2]
    outcomes = ExchangeMessage.objects.order_by("id").values_list("attempt", "outcome")
    assert list(outcomes) == [(1, "unavailable"), (2, "unavailable"), (3, "ok")]


def test_a_call_that_is_not_idempotent_is_tried_once(waits):
    CountingTransport.failures_left = 1
    once = Operation(
        system="border", name="crossings/search", answer=CrossingsAnswer, idempotent=False
    )
    with pytest.raises(SystemUnavailable):
        exchange_call(operation=once, body={"document_number": "P1"}, reference="R-1")
    assert CountingTransport.calls == 1 and waits == []


def test_retries_stop_when_the_budget_is_spent(settings, waits):
    settings.UMIS_EXCHANGE_RETRY_BUDGET_SECONDS = 0
    CountingTransport.failures_left = 5
    with pytest.raises(SystemUnavailable):
        ask()
    assert CountingTransport.calls == 1 and waits == []


def test_the_circuit_opens_after_failures_in_a_row_and_then_calls_nobody(settings, waits):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    CountingTransport.failures_left = 100
    for _ in range(3):
        with pytest.raises(SystemUnavailable):
            ask()
    assert SystemCircuit.objects.get(system="border").state == CircuitState.OPEN
    with pytest.raises(SystemUnavailable, match="circuit is open"):
        ask()
    assert CountingTransport.calls == 3  # the fourth never left
    last = ExchangeMessage.objects.order_by("id").last()
    assert last.outcome == MessageOutcome.CIRCUIT_OPEN and not last.request_signature
    # Other systems are not affected.
    assert circuit_admit(system="health") is True


def test_an_open_circuit_stops_the_retries_of_a_call(settings, waits):
    CountingTransport.failures_left = 100
    with pytest.raises(SystemUnavailable, match="circuit is open"):
        ask()
    assert CountingTransport.calls == 3


def _open_long_ago(system="border"):
    SystemCircuit.objects.update_or_create(
        system=system,
        defaults={
            "state": CircuitState.OPEN,
            "failures": 3,
            "opened_at": timezone.now() - timedelta(seconds=61),
        },
    )


def test_after_the_wait_one_trial_call_closes_the_circuit_when_it_succeeds(waits):
    _open_long_ago()
    assert ask().travel_ban is False
    circuit = SystemCircuit.objects.get(system="border")
    assert (circuit.state, circuit.failures) == (CircuitState.CLOSED, 0)


def test_a_failed_trial_call_opens_the_circuit_again(settings, waits):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    _open_long_ago()
    CountingTransport.failures_left = 1
    with pytest.raises(SystemUnavailable):
        ask()
    circuit = SystemCircuit.objects.get(system="border")
    assert circuit.state == CircuitState.OPEN
    assert circuit.opened_at > timezone.now() - timedelta(seconds=5)
    with pytest.raises(SystemUnavailable, match="circuit is open"):
        ask()
    assert CountingTransport.calls == 1


def test_only_one_caller_wins_the_trial_call():
    _open_long_ago()
    assert circuit_admit(system="border") is True
    assert SystemCircuit.objects.get(system="border").state == CircuitState.HALF_OPEN
    assert circuit_admit(system="border") is False  # another process, same moment
    # A trial call that never reported back gives way after the same wait.
    SystemCircuit.objects.filter(system="border").update(
        probe_started_at=timezone.now() - timedelta(seconds=61)
    )
    assert circuit_admit(system="border") is True


def test_a_success_resets_the_count_of_failures():
    circuit_failure(system="border")
    circuit_failure(system="border")
    circuit_success(system="border")
    circuit_failure(system="border")
    circuit = SystemCircuit.objects.get(system="border")
    assert (circuit.state, circuit.failures) == (CircuitState.CLOSED, 1)


def test_a_refusal_is_not_a_failure_of_the_system(waits):
    with pytest.raises(client.SystemRefused):
        ask("")
    assert not SystemCircuit.objects.filter(system="border", failures__gt=0).exists()
    assert CountingTransport.calls == 1  # and never retried


@pytest.mark.django_db(transaction=True)
def test_callers_racing_for_the_trial_call_let_exactly_one_through():
    """Each thread has its own database connection, as each process has."""
    import threading

    from django.db import connection

    _open_long_ago()
    contenders = 6
    barrier = threading.Barrier(contenders)
    results: list[bool] = []

    def contend() -> None:
        try:
            barrier.wait()
            results.append(circuit_admit(system="border"))
        finally:
            connection.close()

    threads = [threading.Thread(target=contend) for _ in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * (contenders - 1) + [True]
