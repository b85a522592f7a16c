"""Replaying the first answer to a POST that carries an ``Idempotency-Key`` header.

A client that lost the answer to "submit my application" retries with the same key and
must not create a second application. The work and the record of its answer commit in one
transaction, so a stored answer always describes a change that exists. While the first
request is still working, a retry is told so (409): on PostgreSQL the first holds a
transaction-scoped advisory lock on (user, key) that the retry cannot take; on SQLite,
which lets one writer in at a time, the retry simply waits for the first and replays it.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.audit.services import audited_block, rows_insert_with_entries
from umis.cases.models import IdempotencyRecord
from umis.core.errors import Conflict, DomainError, ValidationFailed

HEADER = "Idempotency-Key"
KEY_MAX_LENGTH = 100
# How long a key is remembered. A client retries within minutes; after a day the stored
# answer (it holds the one-time access code) should not be kept any longer.
RETENTION = timedelta(hours=24)

Work = Callable[[], tuple[int, dict[str, Any]]]


def idempotency_key_from(request: HttpRequest) -> str:
    key = (request.headers.get(HEADER) or "").strip()
    if not key:
        raise ValidationFailed(
            fields={HEADER: _("Send an %(header)s header with this request.") % {"header": HEADER}}
        )
    if len(key) > KEY_MAX_LENGTH:
        raise ValidationFailed(
            fields={
                HEADER: _("The %(header)s header is too long (at most %(max)d characters).")
                % {"header": HEADER, "max": KEY_MAX_LENGTH}
            }
        )
    if not key.isprintable():  # control characters (NUL above all) cannot be stored
        raise ValidationFailed(
            fields={
                HEADER: _("The %(header)s header may hold only printable characters.")
                % {"header": HEADER}
            }
        )
    return key


def request_hash(body: Any) -> str:
    """SHA-256 of the body as canonical JSON: key order and spacing do not matter."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _error_body(exc: DomainError) -> dict[str, Any]:
    return {"error": {"code": exc.code, "message": exc.message, "fields": exc.fields}}


def _replay(record: IdempotencyRecord, digest: str) -> tuple[int, dict[str, Any]]:
    if record.request_hash != digest:
        error = ValidationFailed(
            fields={HEADER: _("This key was already used for a different request; use a new key.")},
            message=_("The idempotency key was already used for a different request."),
        )
        error.code = "idempotency_key_reused"
        raise error
    return record.response_status, record.response_body


# The share of new keys that also clear their caller's expired ones.
CLEANUP_SHARE = 1 / 32
_rng = random.Random()  # noqa: S311 - spreading housekeeping, not a secret


def _lock_key(user: User, key: str) -> int:
    """A signed 64-bit advisory-lock key for (user, key)."""
    digest = hashlib.blake2b(f"idempotency:{user.pk}:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# One statement on PostgreSQL: the in-flight guard and the look-up in one round trip.
_RECORDS = IdempotencyRecord._meta.db_table
_LOCK_AND_LOOK_UP = (
    "SELECT pg_try_advisory_xact_lock(%s), r.id, r.request_hash, r.response_status, "  # noqa: S608 - the table's own name
    f"r.response_body::text, r.created_at FROM (SELECT 1) AS one LEFT JOIN {_RECORDS} r "
    "ON r.user_id = %s AND r.key = %s"
)


def _lock_and_look_up(*, user: User, key: str) -> IdempotencyRecord | None:
    """The record kept for (user, key), once no other request is working on that key.

    On PostgreSQL the statement reads what was committed when it began, a moment before
    it takes the lock: a first request committing in that moment is not seen here, and
    this one's own record then collides with it (``idempotent_call`` replays the first).
    """
    if connection.vendor != "postgresql":
        return IdempotencyRecord.objects.filter(user=user, key=key).first()
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_AND_LOOK_UP, [_lock_key(user, key), user.pk, key])
        locked, pk, digest, status, body, created_at = cursor.fetchone()
    if not locked:
        raise Conflict(
            _("The first request with this key is still being processed. Try again shortly."),
            code="idempotency_in_flight",
        )
    if pk is None:
        return None
    return IdempotencyRecord(
        id=pk,
        user=user,
        key=key,
        request_hash=digest,
        status=IdempotencyRecord.State.DONE,
        response_status=status,
        response_body=json.loads(body) if body is not None else None,
        created_at=created_at,
    )


def _stored_answer(*, user: User, key: str) -> IdempotencyRecord | None:
    """The answer kept for (user, key) and not yet expired."""
    expired_before = timezone.now() - RETENTION
    record = _lock_and_look_up(user=user, key=key)
    if record is not None and record.created_at < expired_before:
        record.delete()  # forgotten: the key may be used again
        return None
    if record is None and _rng.random() < CLEANUP_SHARE:
        # Now and then, this caller's expired keys go: the table stays small without a
        # scheduler, and most submissions save the statement.
        IdempotencyRecord.objects.filter(user=user, created_at__lt=expired_before).delete()
    return record


def _remember(*, user: User, key: str, digest: str, status: int, response: dict) -> None:
    # Written with the transaction's audit entries: nothing reads it before the commit.
    rows_insert_with_entries(
        [
            IdempotencyRecord(
                user=user,
                key=key,
                request_hash=digest,
                status=IdempotencyRecord.State.DONE,
                response_status=status,
                response_body=response,
            )
        ]
    )


def idempotent_call(*, user: User, key: str, body: Any, work: Work) -> tuple[int, dict[str, Any]]:
    """Run ``work`` once per (user, key); later calls get the stored (status, body)."""
    digest = request_hash(body)
    refusal: DomainError | None = None
    try:
        with audited_block():
            stored = _stored_answer(user=user, key=key)
            if stored is not None:
                return _replay(stored, digest)
            try:
                status, response = work()
            except DomainError as exc:
                if exc.status < 500:
                    refusal = exc
                raise
            _remember(user=user, key=key, digest=digest, status=status, response=response)
            return status, response
    except IntegrityError:
        # A first request with this key committed after our look-up began: this one's work
        # was rolled back with its transaction, and the first answer stands.
        stored = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if stored is None:
            raise
        return _replay(stored, digest)
    except DomainError:
        if refusal is None:
            raise  # ours (in flight, key reused) or the Service's fault: nothing to keep
    # A refusal is an answer too: the retry must get the same one, not a second try. The
    # work's changes were rolled back with it; the answer is kept on its own.
    status, response = refusal.status, _error_body(refusal)
    try:
        with transaction.atomic():
            _remember(user=user, key=key, digest=digest, status=status, response=response)
    except IntegrityError:
        pass  # a retry running meanwhile kept its (same) answer first
    return status, response
