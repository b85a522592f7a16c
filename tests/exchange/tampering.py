"""A transport that lets a test change the answer on its way back, as an attacker or a
broken system would, and re-sign it with any key."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from umis.exchange.envelope import ResponseEnvelope, sha256_hex, sign
from umis.exchange.transport import InProcessTransport, Reply


def resigned(
    reply: Reply, key: Ed25519PrivateKey, *, body: bytes | None = None, **changes
) -> Reply:
    """The reply with envelope fields changed and signed again by ``key``."""
    envelope, _signature = ResponseEnvelope.from_headers(
        reply.headers, status=reply.status, body=reply.body
    )
    body = reply.body if body is None else body
    envelope = dataclasses.replace(envelope, body_hash=sha256_hex(body), **changes)
    headers = {k.lower(): v for k, v in envelope.headers(sign(key, envelope.canonical())).items()}
    return Reply(status=envelope.status, headers=headers, body=body)


class TamperingTransport(InProcessTransport):
    tamper: Callable[[Reply], Reply] | None = None
    calls = 0

    def post(self, url, body, *, headers, timeout):
        TamperingTransport.calls += 1
        reply = super().post(url, body, headers=headers, timeout=timeout)
        return TamperingTransport.tamper(reply) if TamperingTransport.tamper else reply
