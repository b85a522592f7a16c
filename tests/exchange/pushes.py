"""Signed pushes to UMIS as another member sends them, with any part changed."""

from __future__ import annotations

import uuid

from django.test import Client

from umis.exchange.envelope import RequestEnvelope, canonical_json, sha256_hex, sign, timestamp_now
from umis.exchange.members import member_of, own_member, simulator_key

VETTING_URL = "/api/v1/exchange/state-security/vetting-results"


def signed_push(
    url: str,
    body: dict | bytes,
    *,
    system: str = "state-security",
    operation: str = "vetting-results",
    signer=None,
    key_id: str | None = None,
    client: str | None = None,
    service: str | None = None,
    message_id: str | None = None,
    timestamp: str | None = None,
    issue: str = "",
):
    raw = body if isinstance(body, bytes) else canonical_json(body)
    key = simulator_key(system)
    envelope = RequestEnvelope(
        message_id=message_id or str(uuid.uuid4()),
        client=client or member_of(system),
        service=service or own_member(),
        operation=operation,
        user_id="system",
        issue=issue,
        purpose="test",
        timestamp=timestamp or timestamp_now(),
        body_hash=sha256_hex(raw),
        key_id=key_id or key.key_id,
    )
    headers = envelope.headers(sign(signer or key.private, envelope.canonical()))
    return Client().post(url, raw, content_type="application/json", headers=headers)
