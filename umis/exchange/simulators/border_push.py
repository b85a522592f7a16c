"""The border system pushing crossings to UMIS, simulated: a signed message of the
exchange, as the real system would send it to UMIS's ``border/crossings``."""

from __future__ import annotations

import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from umis.exchange.envelope import RequestEnvelope, canonical_json, sha256_hex, sign, timestamp_now
from umis.exchange.members import SYSTEM_USER, member_of, own_member, simulator_key
from umis.exchange.simulators.base import umis_push_url
from umis.exchange.transport import Reply, get_transport

SYSTEM = "border"
PUSH_OPERATION = "crossings"


def push_crossings(
    crossings: list[dict[str, Any]], *, forged: bool = False, message_id: str | None = None
) -> Reply:
    """Send ``crossings`` to UMIS signed with the border system's demo key (``forged``:
    by a key that is not its own), and UMIS's answer."""
    key = simulator_key(SYSTEM)
    body = canonical_json({"crossings": crossings})
    request = RequestEnvelope(
        message_id=message_id or str(uuid.uuid4()),
        client=member_of(SYSTEM),
        service=own_member(),
        operation=PUSH_OPERATION,
        user_id=SYSTEM_USER,
        issue="",
        purpose="border-events",
        timestamp=timestamp_now(),
        body_hash=sha256_hex(body),
        key_id=key.key_id,
    )
    signer = Ed25519PrivateKey.generate() if forged else key.private
    return get_transport().post(
        umis_push_url(f"{SYSTEM}/{PUSH_OPERATION}"),
        body,
        headers=request.headers(sign(signer, request.canonical())),
        timeout=10.0,
    )
