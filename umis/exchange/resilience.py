"""Trying again, and knowing when to stop: backoff with jitter, and a circuit breaker.

Backoff uses "full jitter": the wait before the next attempt is drawn uniformly between
zero and an exponentially growing ceiling, so that callers who failed together do not all
come back together.

The circuit breaker of each system lives in a table (``SystemCircuit``) so that the web
processes and every worker share it. Closed: calls go through and failures in a row are
counted; at ``UMIS_EXCHANGE_BREAKER_FAILURES`` it opens. Open: no call is made (the caller
gets ``SystemUnavailable`` at once) until ``UMIS_EXCHANGE_BREAKER_OPEN_SECONDS`` have
passed; then exactly one caller wins the trial call (half-open): a success closes the
circuit, a failure opens it again. Every change is one conditional UPDATE, so two
processes never both win.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from umis.exchange.models import CircuitState, SystemCircuit


def backoff_delays(*, attempts: int, base: float, cap: float, rng: random.Random) -> list[float]:
    """The waits between ``attempts`` attempts: before attempt n+1, uniform in
    [0, min(cap, base * 2**(n-1))]."""
    return [rng.uniform(0, min(cap, base * 2**n)) for n in range(max(0, attempts - 1))]


def _cooldown() -> timedelta:
    return timedelta(seconds=settings.UMIS_EXCHANGE_BREAKER_OPEN_SECONDS)


def circuit_admit(*, system: str) -> bool:
    """Whether a call to ``system`` may go out now (closed, or this caller's trial call)."""
    row = SystemCircuit.objects.filter(system=system).values("state").first()
    if row is None or row["state"] == CircuitState.CLOSED:
        return True
    now = timezone.now()
    if row["state"] == CircuitState.OPEN:
        won = SystemCircuit.objects.filter(
            system=system, state=CircuitState.OPEN, opened_at__lte=now - _cooldown()
        ).update(state=CircuitState.HALF_OPEN, probe_started_at=now)
        return won == 1
    # Half-open: a trial call is out. One that never reported back (its worker died) gives
    # way to another after the same wait.
    won = SystemCircuit.objects.filter(
        system=system, state=CircuitState.HALF_OPEN, probe_started_at__lte=now - _cooldown()
    ).update(probe_started_at=now)
    return won == 1


def circuit_success(*, system: str) -> None:
    # Writes only when there is something to reset: most calls succeed on a closed circuit.
    SystemCircuit.objects.filter(system=system).exclude(
        state=CircuitState.CLOSED, failures=0
    ).update(state=CircuitState.CLOSED, failures=0, opened_at=None, probe_started_at=None)


def circuit_failure(*, system: str) -> None:
    now = timezone.now()
    if not SystemCircuit.objects.filter(system=system).exists():
        try:
            with transaction.atomic():
                SystemCircuit.objects.create(system=system)
        except IntegrityError:
            pass  # another process created it first
    circuits = SystemCircuit.objects.filter(system=system)
    # A failed trial call opens the circuit again, for another full wait.
    circuits.filter(state=CircuitState.HALF_OPEN).update(
        state=CircuitState.OPEN, opened_at=now, probe_started_at=None, failures=F("failures") + 1
    )
    circuits.filter(state=CircuitState.CLOSED).update(failures=F("failures") + 1)
    circuits.filter(
        state=CircuitState.CLOSED, failures__gte=settings.UMIS_EXCHANGE_BREAKER_FAILURES
    ).update(state=CircuitState.OPEN, opened_at=now)
