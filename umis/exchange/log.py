"""The message log: every exchange written once, sealed, and re-verifiable.

Each entry keeps what is needed to re-verify both signatures without the bodies (which are
never stored): the envelopes' fields, the bodies' SHA-256, the key ids and signatures. On
top of that, UMIS seals the entry: its own signature over every field an editor could
change (outcome, reason, timings, the masked summary included). ``log_entry_problems``
checks all three; ``manage.py exchange_verify`` runs it over the log.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.core.calendar import SERVICE_TZ
from umis.exchange.envelope import (
    PROTOCOL,
    RequestEnvelope,
    ResponseEnvelope,
    canonical_json,
    sign,
    verifies,
)
from umis.exchange.members import own_keyring, trust_registry
from umis.exchange.models import ExchangeMessage, MessageOutcome, RejectionReason

SEALED_FIELDS = (
    "message_id",
    "system",
    "operation",
    "client_member",
    "service_member",
    "user_id",
    "purpose",
    "reference",
    "attempt",
    "request_summary",
    "request_timestamp",
    "request_hash",
    "request_key_id",
    "request_signature",
    "response_id",
    "response_timestamp",
    "response_hash",
    "response_key_id",
    "response_signature",
    "outcome",
    "rejection_reason",
    "http_status",
    "duration_ms",
    "error",
    "created_at",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def sealed_form(message: ExchangeMessage) -> bytes:
    values = {name: _plain(getattr(message, name)) for name in SEALED_FIELDS}
    return canonical_json({"protocol": PROTOCOL, "kind": "log-entry", **values})


def _seal(message: ExchangeMessage) -> None:
    kid, key = own_keyring().active_key()
    message.seal_key_id = kid
    message.seal = sign(key, sealed_form(message))


def message_log_write(**fields: Any) -> ExchangeMessage:
    """Write one sealed entry. An answer id already in the log is a replay: the entry is
    written as rejected, without the id (it stays unique), and returned that way."""
    fields["error"] = str(fields.get("error", "")).replace("\x00", "")[:2000]
    # Whole microseconds in UTC: what both databases give back, so the seal verifies later.
    message = ExchangeMessage(**fields, created_at=timezone.now().astimezone(UTC))
    _seal(message)
    try:
        with transaction.atomic():
            message.save(force_insert=True)
    except IntegrityError:
        if not message.response_id:
            raise
        message.pk = None
        message.response_id = None
        message.outcome = MessageOutcome.REJECTED
        message.rejection_reason = RejectionReason.REPLAYED
        _seal(message)
        message.save(force_insert=True)
    return message


def request_envelope_of(message: ExchangeMessage) -> RequestEnvelope:
    return RequestEnvelope(
        message_id=str(message.message_id),
        client=message.client_member,
        service=message.service_member,
        operation=message.operation,
        user_id=message.user_id,
        issue=message.reference,
        purpose=message.purpose,
        timestamp=message.request_timestamp,
        body_hash=message.request_hash,
        key_id=message.request_key_id,
    )


def response_envelope_of(message: ExchangeMessage) -> ResponseEnvelope:
    return ResponseEnvelope(
        message_id=str(message.message_id),
        response_id=message.response_id or "",
        client=message.client_member,
        service=message.service_member,
        operation=message.operation,
        request_hash=request_envelope_of(message).digest(),
        status=message.http_status or 0,
        timestamp=message.response_timestamp,
        body_hash=message.response_hash,
        key_id=message.response_key_id,
    )


def log_entry_problems(message: ExchangeMessage, *, registry: dict | None = None) -> list[str]:
    """What is wrong with one entry (nothing: it is intact), in the reader's language."""
    registry = trust_registry() if registry is None else registry
    problems = []
    own = own_keyring().verifying
    seal_key = own.get(message.seal_key_id)
    if not message.seal:
        problems.append(_("the entry is not sealed"))
    elif seal_key is None:
        problems.append(_("the entry is sealed with a key UMIS does not hold"))
    elif not verifies(seal_key, sealed_form(message), message.seal):
        problems.append(_("the entry's seal does not verify: it was changed after it was written"))
    if message.outcome == MessageOutcome.CIRCUIT_OPEN:
        return problems  # nothing was sent, nothing signed
    request_key = registry.get(message.client_member, {}).get(message.request_key_id)
    if request_key is None:
        problems.append(_("the request's key is not in the trust registry"))
    elif not verifies(
        request_key, request_envelope_of(message).canonical(), message.request_signature
    ):
        problems.append(_("the request's signature does not verify"))
    if message.outcome == MessageOutcome.OK:
        response_key = registry.get(message.service_member, {}).get(message.response_key_id)
        if response_key is None:
            problems.append(_("the answer's key is not in the trust registry"))
        elif not verifies(
            response_key, response_envelope_of(message).canonical(), message.response_signature
        ):
            problems.append(_("the answer's signature does not verify"))
    return problems


@dataclass
class LogVerification:
    checked: int = 0
    before_signing: int = 0  # entries written before the log was signed at all
    broken: list[tuple[ExchangeMessage, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken


def _entries(since: date | None) -> Iterator[ExchangeMessage]:
    entries = ExchangeMessage.objects.order_by("id")
    if since is not None:
        start = timezone.make_aware(datetime.combine(since, datetime.min.time()), SERVICE_TZ)
        entries = entries.filter(created_at__gte=start)
    return entries.iterator(chunk_size=2000)


def exchange_log_verify(*, since: date | None = None) -> LogVerification:
    """Re-verify every entry (from ``since``, a day of the Service's calendar, on)."""
    registry = trust_registry()
    first_sealed = (
        ExchangeMessage.objects.exclude(seal="").order_by("id").values_list("id", flat=True).first()
    )
    result = LogVerification()
    for message in _entries(since):
        result.checked += 1
        # Entries from before the log was signed carry no message id and come before the
        # first sealed one; anything else without a seal has been tampered with.
        legacy = message.message_id is None and not message.seal
        if legacy and (first_sealed is None or message.id < first_sealed):
            result.before_signing += 1
            continue
        problems = log_entry_problems(message, registry=registry)
        if problems:
            result.broken.append((message, problems))
    return result
