"""Messages other members push to UMIS: checked like the answers UMIS receives, logged,
answered signed.

A push is a request in the same signed envelope UMIS sends (``umis.exchange.envelope``),
addressed to UMIS's member and one of its operations. ``inbound_receive`` reads it,
judges it with the one judgement of the exchange (``umis.exchange.trust``: a member and a
key the trust registry holds, a signature that verifies, a time near ours), refuses one
from a member that may not send it or a message id already in the log, reads the body with
the operation's strict schema, and only then lets the handler act. The handler's writes
and the log entry commit together: a message id can land only once. Every push, taken or
not, is one sealed entry of the message log (``inbound`` set), and every push that came in
an envelope gets an answer signed with UMIS's key, so the sender can prove what UMIS said.
Never a 500: what cannot be read is answered 400 and logged with the reason.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from pydantic import BaseModel, ValidationError

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
from umis.exchange.members import member_of, own_keyring, own_member
from umis.exchange.models import ExchangeMessage, MessageOutcome, RejectionReason
from umis.exchange.trust import signature_problem, too_far

logger = logging.getLogger(__name__)

# The log's columns: a longer value could not be kept whole, so its signature could not
# be verified again later; such an envelope is refused as unreadable.
_LIMITS = {
    "client": 128,
    "operation": 64,
    "user_id": 150,
    "issue": 64,
    "purpose": 64,
    "timestamp": 40,
    "key_id": 16,
}
SIGNATURE_MAX = 128


@dataclass(frozen=True)
class Handled:
    """What a handler made of a push: the answer's status and body, what the log keeps
    of it (masked, never names), and the outcome to log (``ok``, or ``refused`` when the
    sender's data was wrong)."""

    status: int
    data: dict[str, Any]
    summary: dict[str, Any] = field(default_factory=dict)
    outcome: str = MessageOutcome.OK
    error: str = ""


Handler = Callable[[RequestEnvelope, Any], Handled]
# A message id seen before: the first answer again (e.g. a receipt), or None to refuse.
ReplayAnswer = Callable[[RequestEnvelope], Handled | None]


def _envelope(request: HttpRequest) -> tuple[RequestEnvelope, str]:
    headers = {name.lower(): value for name, value in request.headers.items()}
    envelope, signature = RequestEnvelope.from_headers(headers, body=request.body)
    try:
        uuid.UUID(envelope.message_id)
    except ValueError:
        raise MalformedEnvelope("the message id is not a UUID") from None
    for name, limit in _LIMITS.items():
        if len(getattr(envelope, name)) > limit:
            raise MalformedEnvelope(f"{name} is longer than {limit} characters")
    if len(signature) > SIGNATURE_MAX:
        raise MalformedEnvelope(f"the signature is longer than {SIGNATURE_MAX} characters")
    return envelope, signature


def _schema_error(exc: ValidationError) -> str:
    # Field names and error kinds only: the values may be personal data.
    parts = [".".join(str(p) for p in e["loc"]) + ": " + e["type"] for e in exc.errors()[:5]]
    return "; ".join(parts) or "invalid"


@dataclass
class _Push:
    system: str
    operation: str
    envelope: RequestEnvelope
    signature: str
    started: float

    def answer(self, handled: Handled) -> tuple[HttpResponse, dict[str, Any]]:
        """The signed answer, and the log's fields describing it."""
        body = canonical_json(handled.data)
        kid, key = own_keyring().active_key()
        response = ResponseEnvelope(
            message_id=self.envelope.message_id,
            response_id=str(uuid.uuid4()),
            client=self.envelope.client,
            service=own_member(),
            operation=self.operation,
            request_hash=self.envelope.digest(),
            status=handled.status,
            timestamp=timestamp_now(),
            body_hash=sha256_hex(body),
            key_id=kid,
        )
        signature = sign(key, response.canonical())
        http = HttpResponse(
            body,
            status=handled.status,
            content_type="application/json",
            headers=response.headers(signature),
        )
        logged = {
            "response_id": response.response_id,
            "response_timestamp": response.timestamp,
            "response_hash": response.body_hash,
            "response_key_id": kid,
            "response_signature": signature,
        }
        return http, logged

    def log(self, *, outcome: str, status: int, reason: str = "", **fields: Any) -> None:
        envelope = self.envelope
        message_log_write(
            inbound=True,
            system=self.system,
            operation=self.operation,
            client_member=envelope.client,
            service_member=envelope.service,
            user_id=envelope.user_id,
            purpose=envelope.purpose,
            reference=envelope.issue,
            request_timestamp=envelope.timestamp,
            request_hash=envelope.body_hash,
            request_key_id=envelope.key_id,
            request_signature=self.signature,
            outcome=outcome,
            rejection_reason=reason,
            http_status=status,
            duration_ms=int((time.monotonic() - self.started) * 1000),
            **fields,
        )

    def refuse(self, reason: str, error: str, *, status: int = 400) -> HttpResponse:
        """Refused with its reason: logged without the message id (a replay's id is the
        first message's, and it stays unique) and without UMIS's answer, which proves
        nothing about a message nobody can vouch for."""
        logger.warning("%s.%s push refused: %s (%s)", self.system, self.operation, reason, error)
        # For the sending system, not for people: the reason's code and the detail logged.
        handled = Handled(status=status, data={"error": {"code": reason, "detail": error}})
        http, _logged = self.answer(handled)
        self.log(
            outcome=MessageOutcome.REJECTED,
            status=status,
            reason=reason,
            error=error,
            request_summary={"message_id": self.envelope.message_id[:64]},
        )
        return http


def _judge(push: _Push) -> tuple[str, str] | None:
    envelope = push.envelope
    if (envelope.service, envelope.operation) != (own_member(), push.operation):
        return RejectionReason.NOT_OURS, f"addressed to {envelope.service}/{envelope.operation}"
    problem = signature_problem(
        member=envelope.client,
        key_id=envelope.key_id,
        canonical=envelope.canonical(),
        signature=push.signature,
    )
    if problem is not None:
        return problem
    if envelope.client != member_of(push.system):
        return RejectionReason.WRONG_SENDER, envelope.client
    if too_far(envelope.timestamp):
        return RejectionReason.STALE, envelope.timestamp
    return None


def inbound_receive(
    request: HttpRequest,
    *,
    system: str,
    operation: str,
    schema: type[BaseModel],
    handle: Handler,
    replay: ReplayAnswer | None = None,
) -> HttpResponse:
    """Receive one push of ``system`` to UMIS's ``operation``; ``handle`` acts on the body
    read with ``schema`` inside the transaction that logs the message."""
    started = time.monotonic()
    try:
        envelope, signature = _envelope(request)
    except MalformedEnvelope as exc:
        logger.warning("%s.%s push without a readable envelope: %s", system, operation, exc)
        message_log_write(
            inbound=True,
            system=system,
            operation=operation,
            service_member=own_member(),
            outcome=MessageOutcome.REJECTED,
            rejection_reason=RejectionReason.UNSIGNED,
            http_status=400,
            duration_ms=int((time.monotonic() - started) * 1000),
            error=str(exc),
        )
        error = {"code": RejectionReason.UNSIGNED, "detail": str(exc)}
        return JsonResponse({"error": error}, status=400)
    push = _Push(system, operation, envelope, signature, started)
    problem = _judge(push)
    if problem is not None:
        return push.refuse(*problem, status=401 if problem[0] != RejectionReason.STALE else 400)
    if ExchangeMessage.objects.filter(message_id=envelope.message_id).exists():
        return _replayed(push, replay)
    try:
        body = schema.model_validate_json(request.body)
    except ValidationError as exc:
        return push.refuse(RejectionReason.SCHEMA, _schema_error(exc), status=422)
    try:
        with transaction.atomic():
            handled = handle(envelope, body)
            http, logged = push.answer(handled)
            push.log(
                outcome=handled.outcome,
                status=handled.status,
                message_id=uuid.UUID(envelope.message_id),
                request_summary=handled.summary,
                error=handled.error,
                **logged,
            )
    except IntegrityError:
        # The same message id landed a moment ago in another request: nothing of this
        # one was kept; it is a replay like any other.
        return _replayed(push, replay)
    return http


def _replayed(push: _Push, replay: ReplayAnswer | None) -> HttpResponse:
    first = replay(push.envelope) if replay is not None else None
    if first is None:
        return push.refuse(RejectionReason.REPLAYED, push.envelope.message_id, status=409)
    logger.info("%s.%s push replayed: the first answer again", push.system, push.operation)
    http, _logged = push.answer(first)
    push.log(
        outcome=MessageOutcome.REJECTED,
        status=first.status,
        reason=RejectionReason.REPLAYED,
        error="a replay: the first answer given again, nothing done",
        request_summary={"message_id": push.envelope.message_id, **first.summary},
    )
    return http
