"""The one way UMIS talks to another state system: signed, verified, logged, never in a
transaction.

``exchange_call`` posts the body to ``<system URL><operation>`` in a signed envelope
(``umis.exchange.envelope``: message id, client and service members, purpose, the user on
whose behalf, time), checks the answer's envelope and signature against the trust registry
and its body against the operation's schema, writes one sealed ``ExchangeMessage`` per
attempt, and returns the answer as the operation's model. It raises

- ``SystemUnavailable`` when no usable answer came (no connection, timeout, a 5xx, or the
  system's circuit is open); idempotent operations are first tried again with backoff;
- ``AnswerRejected`` (a kind of ``SystemUnavailable``) when an answer came but cannot be
  trusted or read: bad or missing signature, unknown member or key, not the answer to this
  request, seen before, stale, or not matching the schema. It is logged with its reason and
  never used; the checks treat it as no answer and ask again later;
- ``SystemRefused`` on a (signed) 4xx: our request was wrong, asking again will not help.

Calling out while a database transaction is open would hold locks for as long as the other
system takes and could commit nothing of what it told us; so the call refuses to run
inside one (rule 6 of the house). The transactions Django's TestCase opens around each test
are not real ones and are allowed.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from pydantic import ValidationError

from umis.exchange.envelope import (
    MalformedEnvelope,
    RequestEnvelope,
    ResponseEnvelope,
    canonical_json,
    sha256_hex,
    sign,
    timestamp_now,
)
from umis.exchange.log import message_log_write
from umis.exchange.members import SYSTEM_USER, member_of, own_keyring, own_member
from umis.exchange.models import ExchangeMessage, MessageOutcome, RejectionReason
from umis.exchange.operations import Answer, Operation
from umis.exchange.resilience import (
    backoff_delays,
    circuit_admit,
    circuit_failure,
    circuit_success,
)
from umis.exchange.transport import Reply, TransportError, get_transport
from umis.exchange.trust import signature_problem, too_far


class ExchangeError(Exception):
    pass


class SystemUnavailable(ExchangeError):
    """No usable answer this time; worth trying again later."""


class AnswerRejected(SystemUnavailable):
    """An answer came and was not accepted; ``reason`` is a ``RejectionReason``."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class SystemRefused(ExchangeError):
    """The system refused our request (4xx); trying again will not change that."""


class CallInsideTransaction(RuntimeError):
    """A programming error: an external call made while a transaction is open."""


# Jitter and waiting, replaceable in tests (a seeded generator, no real sleep).
_rng = random.Random()  # noqa: S311 - jitter, not a secret
_sleep = time.sleep


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


@dataclass
class _Verdict:
    outcome: str
    reason: str = ""
    error: str = ""
    answer: Answer | None = None
    logged: dict[str, Any] = field(default_factory=dict)


def _reject(reason: str, error: str, logged: dict[str, Any] | None = None) -> _Verdict:
    # The answer's id is kept only for answers taken: it is what a replay is known by, and
    # a rejected answer's id may well be a copy of one already in the log.
    logged = {k: v for k, v in (logged or {}).items() if k != "response_id"}
    return _Verdict(MessageOutcome.REJECTED, reason=reason, error=error, logged=logged)


def _schema_error(exc: ValidationError) -> str:
    # Field names and error kinds only: the values may be personal data.
    parts = [".".join(str(p) for p in e["loc"]) + ": " + e["type"] for e in exc.errors()[:5]]
    return "; ".join(parts) or "invalid"


def _judge(reply: Reply, request: RequestEnvelope, operation: Operation) -> _Verdict:
    """What to make of a reply that came: accept it, or say why not."""
    if reply.status >= 500:
        return _Verdict(MessageOutcome.UNAVAILABLE, error=f"HTTP {reply.status}")
    try:
        response, signature = ResponseEnvelope.from_headers(
            reply.headers, status=reply.status, body=reply.body
        )
    except MalformedEnvelope as exc:
        if reply.status >= 400:  # e.g. a proxy's own refusal, before the system saw us
            return _Verdict(MessageOutcome.REFUSED, error=f"HTTP {reply.status}: {exc}")
        return _reject(RejectionReason.UNSIGNED, str(exc))
    logged = {
        "response_id": response.response_id,
        "response_timestamp": response.timestamp[:40],
        "response_hash": response.body_hash,
        "response_key_id": response.key_id[:16],
        "response_signature": signature[:128],
    }
    problem = signature_problem(
        member=response.service,
        key_id=response.key_id,
        canonical=response.canonical(),
        signature=signature,
    )
    if problem is not None:
        return _reject(*problem, logged)
    expected = (request.message_id, request.client, request.service, request.operation)
    got = (response.message_id, response.client, response.service, response.operation)
    if got != expected or response.request_hash != request.digest():
        return _reject(RejectionReason.NOT_OURS, f"answer to {response.message_id}", logged)
    if too_far(response.timestamp):
        return _reject(RejectionReason.STALE, response.timestamp, logged)
    if ExchangeMessage.objects.filter(response_id=response.response_id).exists():
        return _reject(RejectionReason.REPLAYED, response.response_id, logged)
    if reply.status >= 400:
        text = reply.body.decode("utf-8", "replace")
        return _Verdict(MessageOutcome.REFUSED, error=f"HTTP {reply.status}: {text}", logged=logged)
    try:
        answer = operation.answer.model_validate_json(reply.body)
    except ValidationError as exc:
        return _reject(RejectionReason.SCHEMA, _schema_error(exc), logged)
    return _Verdict(MessageOutcome.OK, answer=answer, logged=logged)


def _exchange_once(
    *,
    operation: Operation,
    body: bytes,
    reference: str,
    summary: dict[str, Any],
    user: str,
    purpose: str,
    attempt: int,
) -> Answer:
    """One signed message and its answer; exactly one log entry."""
    kid, key = own_keyring().active_key()
    request = RequestEnvelope(
        message_id=str(uuid.uuid4()),
        client=own_member(),
        service=member_of(operation.system),
        operation=operation.name,
        user_id=user[:150],
        issue=reference[:64],
        purpose=purpose[:64],
        timestamp=timestamp_now(),
        body_hash=sha256_hex(body),
        key_id=kid,
    )
    signature = sign(key, request.canonical())
    started = time.monotonic()
    status: int | None = None
    try:
        reply = get_transport().post(
            system_url(operation.system) + operation.name,
            body,
            headers=request.headers(signature),
            timeout=float(settings.UMIS_EXCHANGE_TIMEOUT_SECONDS),
        )
    except TransportError as exc:
        verdict = _Verdict(MessageOutcome.UNAVAILABLE, error=str(exc) or type(exc).__name__)
    else:
        status = reply.status
        verdict = _judge(reply, request, operation)
    logged = message_log_write(
        message_id=uuid.UUID(request.message_id),
        system=operation.system,
        operation=operation.name,
        client_member=request.client,
        service_member=request.service,
        user_id=request.user_id,
        purpose=request.purpose,
        reference=request.issue,
        attempt=attempt,
        request_summary=summary,
        request_timestamp=request.timestamp,
        request_hash=request.body_hash,
        request_key_id=kid,
        request_signature=signature,
        outcome=verdict.outcome,
        rejection_reason=verdict.reason,
        http_status=status,
        duration_ms=int((time.monotonic() - started) * 1000),
        error=verdict.error,
        **verdict.logged,
    )
    where = f"{operation} ({request.message_id})"
    if logged.outcome == MessageOutcome.REJECTED:
        reason = logged.rejection_reason
        raise AnswerRejected(f"{where}: answer rejected, {reason}", reason=reason)
    if verdict.outcome == MessageOutcome.UNAVAILABLE:
        raise SystemUnavailable(f"{where}: {verdict.error}")
    if verdict.outcome == MessageOutcome.REFUSED:
        raise SystemRefused(f"{where}: {verdict.error}")
    assert verdict.answer is not None
    return verdict.answer


def _log_circuit_open(operation: Operation, reference: str, user: str, purpose: str) -> None:
    message_log_write(
        system=operation.system,
        operation=operation.name,
        client_member=own_member(),
        service_member=member_of(operation.system),
        user_id=user[:150],
        purpose=purpose[:64],
        reference=reference[:64],
        outcome=MessageOutcome.CIRCUIT_OPEN,
        error="circuit open",
    )


def exchange_call(
    *,
    operation: Operation,
    body: dict[str, Any],
    reference: str = "",
    summary: dict[str, Any] | None = None,
    user: str = SYSTEM_USER,
    purpose: str = "",
) -> Any:
    """Ask ``operation`` of its system; the answer, validated by ``operation.answer``.

    ``user`` is on whose behalf (an officer's user name, or ``"system"`` for the Service's
    own work); ``summary`` is what the log may keep of the request (masked numbers only).
    """
    system = operation.system
    member_of(system)  # an unknown system is a programming error: fail before anything
    if inside_transaction():
        raise CallInsideTransaction(f"{operation} called inside a transaction")
    purpose = purpose or operation.purpose
    attempts = max(1, settings.UMIS_EXCHANGE_RETRY_ATTEMPTS) if operation.idempotent else 1
    delays = backoff_delays(
        attempts=attempts,
        base=settings.UMIS_EXCHANGE_RETRY_BASE_SECONDS,
        cap=settings.UMIS_EXCHANGE_RETRY_MAX_DELAY_SECONDS,
        rng=_rng,
    )
    deadline = time.monotonic() + settings.UMIS_EXCHANGE_RETRY_BUDGET_SECONDS
    body_bytes = canonical_json(body)
    for attempt in range(1, attempts + 1):
        if not circuit_admit(system=system):
            _log_circuit_open(operation, reference, user, purpose)
            raise SystemUnavailable(f"{operation}: the circuit is open, not called")
        try:
            answer = _exchange_once(
                operation=operation,
                body=body_bytes,
                reference=reference,
                summary=summary or {},
                user=user,
                purpose=purpose,
                attempt=attempt,
            )
        except AnswerRejected:
            circuit_failure(system=system)
            raise  # a bad answer is not cured by asking again at once
        except SystemUnavailable:
            circuit_failure(system=system)
            if attempt == attempts or time.monotonic() + delays[attempt - 1] > deadline:
                raise
            _sleep(delays[attempt - 1])
            continue
        except SystemRefused:
            circuit_success(system=system)  # it answered: the system is up
            raise
        circuit_success(system=system)
        return answer
    raise AssertionError("unreachable")  # pragma: no cover
