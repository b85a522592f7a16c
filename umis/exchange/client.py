"""The one way UMIS talks to another state system: JSON over HTTP, logged, never in a
transaction.

``exchange_call`` posts to ``<system URL><operation>``, times the call, writes one
``ExchangeMessage`` and returns the answer's JSON body. It raises ``SystemUnavailable``
when no usable answer came (no connection, timeout, a 5xx) and ``SystemRefused`` on a 4xx
(our request was wrong: retrying will not help).

Calling out while a database transaction is open would hold locks for as long as the other
system takes and could commit nothing of what it told us; so the call refuses to run
inside one (rule 6 of the house). The transactions Django's TestCase opens around each test
are not real ones and are allowed.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import connection

from umis.exchange.models import ExchangeMessage, MessageOutcome
from umis.exchange.transport import TransportError, get_transport

SYSTEMS = ("border", "payment", "internal-affairs", "health")


class ExchangeError(Exception):
    pass


class SystemUnavailable(ExchangeError):
    """No usable answer this time; worth trying again later."""


class SystemRefused(ExchangeError):
    """The system refused our request (4xx); trying again will not change that."""


class CallInsideTransaction(RuntimeError):
    """A programming error: an external call made while a transaction is open."""


def inside_transaction() -> bool:
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def system_url(system: str) -> str:
    urls = getattr(settings, "UMIS_EXCHANGE_URLS", {}) or {}
    url = urls.get(system) or f"{settings.UMIS_EXCHANGE_BASE_URL.rstrip('/')}/{system}/"
    return url if url.endswith("/") else url + "/"


def mask(value: str) -> str:
    """Enough of a document number to tell messages apart, not enough to identify anyone."""
    value = value or ""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


def exchange_call(
    *,
    system: str,
    operation: str,
    body: dict[str, Any],
    reference: str = "",
    summary: dict[str, Any] | None = None,
) -> dict[str, Any]:
    if system not in SYSTEMS:
        raise ValueError(f"unknown system {system!r}")
    if inside_transaction():
        raise CallInsideTransaction(f"{system}.{operation} called inside a transaction")
    url = system_url(system) + operation
    started = time.monotonic()
    status: int | None = None
    answer: Any = None
    error = ""
    try:
        status, answer = get_transport().post(
            url, body, timeout=float(settings.UMIS_EXCHANGE_TIMEOUT_SECONDS)
        )
    except TransportError as exc:
        error = str(exc) or type(exc).__name__
    if status is None or status >= 500 or (status < 400 and not isinstance(answer, dict)):
        outcome = MessageOutcome.UNAVAILABLE
        error = error or f"HTTP {status}" + ("" if isinstance(answer, dict) else ", no JSON body")
    elif status >= 400:
        outcome = MessageOutcome.REFUSED
        error = f"HTTP {status}: {answer}"[:2000]
    else:
        outcome = MessageOutcome.OK
    ExchangeMessage.objects.create(
        system=system,
        operation=operation,
        reference=reference[:64],
        request_summary=summary or {},
        outcome=outcome,
        http_status=status,
        duration_ms=int((time.monotonic() - started) * 1000),
        error=error[:2000],
    )
    if outcome == MessageOutcome.UNAVAILABLE:
        raise SystemUnavailable(f"{system}.{operation}: {error}")
    if outcome == MessageOutcome.REFUSED:
        raise SystemRefused(f"{system}.{operation}: {error}")
    return answer
