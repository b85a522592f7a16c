"""Replaying the first answer to a POST that carries an ``Idempotency-Key`` header.

A client that lost the answer to "submit my application" retries with the same key and
must not create a second application. The record is inserted and committed *before* the
work, so a concurrent retry finds it and is told the first attempt is still in flight.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.audit.services import audited_block
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
    if record.status != IdempotencyRecord.State.DONE:
        raise Conflict(
            _("The first request with this key is still being processed. Try again shortly."),
            code="idempotency_in_flight",
        )
    return record.response_status, record.response_body


def idempotent_call(*, user: User, key: str, body: Any, work: Work) -> tuple[int, dict[str, Any]]:
    """Run ``work`` once per (user, key); later calls get the stored (status, body)."""
    digest = request_hash(body)
    try:
        # Its own transaction, committed at once: a concurrent retry must see it.
        with transaction.atomic():
            # This caller's expired keys go first: the table stays small without a
            # scheduler, and a key used long ago may be used again.
            IdempotencyRecord.objects.filter(
                user=user, created_at__lt=timezone.now() - RETENTION
            ).delete()
            record = IdempotencyRecord.objects.create(user=user, key=key, request_hash=digest)
    except IntegrityError:
        return _replay(IdempotencyRecord.objects.get(user=user, key=key), digest)

    try:
        # The work and its recorded answer commit together: a stored answer always
        # describes a change that exists, and the change costs one commit, not two.
        with audited_block():
            status, response = work()
            _remember(record, status, response)
        return status, response
    except DomainError as exc:
        if exc.status >= 500:
            record.delete()
            raise
        # A refusal is an answer too: the retry must get the same one, not a second try.
        status, response = exc.status, _error_body(exc)
    except BaseException:
        # Our fault or an interruption: forget the key so the client may simply retry.
        record.delete()
        raise
    _remember(record, status, response)
    return status, response


def _remember(record: IdempotencyRecord, status: int, response: dict[str, Any]) -> None:
    record.status = IdempotencyRecord.State.DONE
    record.response_status = status
    record.response_body = response
    record.save(update_fields=["status", "response_status", "response_body"])
