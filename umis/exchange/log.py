"""The message log: every exchange written once, sealed, and re-verifiable.

Each entry keeps what is needed to re-verify both signatures without the bodies (which are
never stored): the envelopes' fields, the bodies' SHA-256, the key ids and signatures. On
top of that, UMIS seals the entry: its own signature over every field an editor could
change (outcome, reason, timings, the masked summary included). ``log_entry_problems``
checks all three; ``manage.py exchange_verify`` runs it over the log.

The entries are also chained, as the audit log is: each gets the next number of a gapless
sequence and the SHA-256 of the previous entry's seal, both under its own seal, and a sealed
head row says where the chain ends. An entry deleted from the middle leaves a gap and a
broken link; entries cut off the end disagree with the head. (Putting back an older copy of
the head together with cutting the end is not caught here: only a copy kept outside the
database, like the audit log's checkpoints, could show that.)
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.exchange.envelope import (
    PROTOCOL,
    RequestEnvelope,
    ResponseEnvelope,
    canonical_json,
    sha256_hex,
    sign,
    verifies,
)
from umis.exchange.members import own_keyring, trust_registry
from umis.exchange.models import (
    ExchangeLogHead,
    ExchangeMessage,
    MessageOutcome,
    RejectionReason,
)

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


GENESIS = "0" * 64


def sealed_form(message: ExchangeMessage) -> bytes:
    values = {name: _plain(getattr(message, name)) for name in SEALED_FIELDS}
    if message.seq is not None:  # entries from before the chain were sealed without it
        values.update(seq=message.seq, previous_seal_hash=message.previous_seal_hash)
    if message.inbound:
        # Only where true, so that entries sealed before the field existed still verify;
        # flipping it either way changes the sealed form.
        values["inbound"] = True
    return canonical_json({"protocol": PROTOCOL, "kind": "log-entry", **values})


def head_sealed_form(head: ExchangeLogHead) -> bytes:
    values = {"seq": head.seq, "last_seal_hash": head.last_seal_hash}
    return canonical_json({"protocol": PROTOCOL, "kind": "log-head", **values})


def _seal(message: ExchangeMessage) -> None:
    kid, key = own_keyring().active_key()
    message.seal_key_id = kid
    message.seal = sign(key, sealed_form(message))


def _locked_head() -> ExchangeLogHead:
    head = ExchangeLogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # the first entry ever (a concurrent first writer fails and retries)
        head = ExchangeLogHead.objects.create(pk=1, seq=0, last_seal_hash=GENESIS)
    return head


def _append(message: ExchangeMessage) -> None:
    """Chain, seal and insert ``message`` after the head, under the head's row lock."""
    with transaction.atomic():
        head = _locked_head()
        message.seq = head.seq + 1
        message.previous_seal_hash = head.last_seal_hash
        # Taken under the lock, so the time never runs backwards along the chain; whole
        # microseconds in UTC: what both databases give back, so the seal verifies later.
        message.created_at = timezone.now().astimezone(UTC)
        _seal(message)
        message.save(force_insert=True)
        head.seq, head.last_seal_hash = message.seq, sha256_hex(message.seal.encode())
        head.seal_key_id, key = own_keyring().active_key()
        head.seal = sign(key, head_sealed_form(head))
        head.save()


def message_log_write(**fields: Any) -> ExchangeMessage:
    """Write one sealed, chained entry. An answer id already in the log is a replay: the
    entry is written as rejected, without the id (it stays unique), and returned that way."""
    fields["error"] = str(fields.get("error", "")).replace("\x00", "")[:2000]
    message = ExchangeMessage(**fields)
    for attempt in range(3):
        try:
            _append(message)
            return message
        except IntegrityError:
            message.pk = None
            seen = message.response_id and (
                ExchangeMessage.objects.filter(response_id=message.response_id).exists()
            )
            if seen:
                message.response_id = None
                message.outcome = MessageOutcome.REJECTED
                message.rejection_reason = RejectionReason.REPLAYED
            elif attempt == 2:  # not a replay, not a lost race for the head: a real fault
                raise
    _append(message)
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
    if message.inbound:
        return problems + _inbound_problems(message, registry)
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


def _inbound_problems(message: ExchangeMessage, registry: dict) -> list[str]:
    """A message another member pushed: its signature was verified when it came, unless it
    was rejected (a forged or replayed message is kept as evidence, sealed, and proves
    nothing); the answer is UMIS's own."""
    problems = []
    if message.outcome != MessageOutcome.REJECTED:
        request_key = registry.get(message.client_member, {}).get(message.request_key_id)
        if request_key is None:
            problems.append(_("the request's key is not in the trust registry"))
        elif not verifies(
            request_key, request_envelope_of(message).canonical(), message.request_signature
        ):
            problems.append(_("the request's signature does not verify"))
    if message.response_signature:
        response_key = registry.get(message.service_member, {}).get(message.response_key_id)
        if response_key is None:
            problems.append(_("the answer's key is not in the trust registry"))
        elif not verifies(
            response_key, response_envelope_of(message).canonical(), message.response_signature
        ):
            problems.append(_("the answer's signature does not verify"))
    return problems
