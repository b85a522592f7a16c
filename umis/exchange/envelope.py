"""The envelope of every message: who asks whom for what, on whose behalf, signed.

Headers are named as X-Road's message protocol for REST names them where X-Road has the
field (``X-Road-Id``, ``X-Road-Client``, ``X-Road-Service``, ``X-Road-UserId``,
``X-Road-Issue``, ``X-Road-Request-Id``, ``X-Road-Request-Hash``); what X-Road leaves to the
security servers (the purpose, the time and the signature) travels in ``X-UMIS-*`` headers.
Values are percent-encoded UTF-8, as X-Road encodes identifiers.

The signature is Ed25519 over a canonical form: the envelope's fields and the SHA-256 of the
exact body bytes, as JSON with sorted keys and no spaces. The answer's canonical form holds
the request's message id and the hash of the request's canonical form, so an answer cannot
be moved to another request; and its HTTP status, so a refusal cannot pass for an answer.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

PROTOCOL = "umis-exchange/1"

ID = "X-Road-Id"
CLIENT = "X-Road-Client"
SERVICE = "X-Road-Service"
USER_ID = "X-Road-UserId"
ISSUE = "X-Road-Issue"
REQUEST_ID = "X-Road-Request-Id"
REQUEST_HASH = "X-Road-Request-Hash"
PURPOSE = "X-UMIS-Purpose"
TIMESTAMP = "X-UMIS-Timestamp"
KEY_ID = "X-UMIS-Key-Id"
SIGNATURE = "X-UMIS-Signature"

MEMBER_PARTS = 4  # INSTANCE/CLASS/MEMBER/SUBSYSTEM
MAX_ID_LENGTH = 64  # an answer's id is kept in the log, unique, to recognise a replay


class MalformedEnvelope(ValueError):
    """A header is missing or cannot be read."""


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def timestamp_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_timestamp(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def sign(private: Ed25519PrivateKey, canonical: bytes) -> str:
    return base64.b64encode(private.sign(canonical)).decode()


def verifies(public: Ed25519PublicKey, canonical: bytes, signature: str) -> bool:
    try:
        public.verify(base64.b64decode(signature, validate=True), canonical)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def _encode(value: str) -> str:
    return quote(value, safe="/:-._~@+=")


def _header(headers: Mapping[str, str], name: str, *, required: bool = True) -> str:
    value = headers.get(name.lower())
    if value is None or value == "":
        if required:
            raise MalformedEnvelope(f"{name} is missing")
        return ""
    try:
        return unquote(value, errors="strict")
    except UnicodeDecodeError:
        raise MalformedEnvelope(f"{name} is not percent-encoded UTF-8") from None


def service_header(member: str, operation: str) -> str:
    return f"{member}/{operation}"


def split_service(value: str) -> tuple[str, str]:
    parts = value.split("/")
    if len(parts) <= MEMBER_PARTS or not all(parts[:MEMBER_PARTS]):
        raise MalformedEnvelope(f"{SERVICE} is not member/operation")
    return "/".join(parts[:MEMBER_PARTS]), "/".join(parts[MEMBER_PARTS:])


@dataclass(frozen=True)
class RequestEnvelope:
    message_id: str
    client: str
    service: str  # the member asked
    operation: str
    user_id: str
    issue: str  # our reference: the application the message is about
    purpose: str
    timestamp: str
    body_hash: str
    key_id: str

    def canonical(self) -> bytes:
        return canonical_json({"protocol": PROTOCOL, "kind": "request", **asdict(self)})

    def digest(self) -> str:
        return sha256_hex(self.canonical())

    def headers(self, signature: str) -> dict[str, str]:
        values = {
            ID: self.message_id,
            CLIENT: self.client,
            SERVICE: service_header(self.service, self.operation),
            USER_ID: self.user_id,
            ISSUE: self.issue,
            PURPOSE: self.purpose,
            TIMESTAMP: self.timestamp,
            KEY_ID: self.key_id,
            SIGNATURE: signature,
        }
        return {name: _encode(value) for name, value in values.items() if value}

    @classmethod
    def from_headers(
        cls, headers: Mapping[str, str], *, body: bytes
    ) -> tuple[RequestEnvelope, str]:
        """The envelope of a received request and its signature (header names lowercase)."""
        service, operation = split_service(_header(headers, SERVICE))
        envelope = cls(
            message_id=_header(headers, ID),
            client=_header(headers, CLIENT),
            service=service,
            operation=operation,
            user_id=_header(headers, USER_ID),
            issue=_header(headers, ISSUE, required=False),
            purpose=_header(headers, PURPOSE),
            timestamp=_header(headers, TIMESTAMP),
            body_hash=sha256_hex(body),
            key_id=_header(headers, KEY_ID),
        )
        return envelope, _header(headers, SIGNATURE)


@dataclass(frozen=True)
class ResponseEnvelope:
    message_id: str  # the request's
    response_id: str  # the answer's own, never seen twice
    client: str
    service: str  # the member answering
    operation: str
    request_hash: str  # RequestEnvelope.digest() of the request answered
    status: int
    timestamp: str
    body_hash: str
    key_id: str

    def canonical(self) -> bytes:
        return canonical_json({"protocol": PROTOCOL, "kind": "response", **asdict(self)})

    def headers(self, signature: str) -> dict[str, str]:
        values = {
            ID: self.message_id,
            REQUEST_ID: self.response_id,
            CLIENT: self.client,
            SERVICE: service_header(self.service, self.operation),
            REQUEST_HASH: self.request_hash,
            TIMESTAMP: self.timestamp,
            KEY_ID: self.key_id,
            SIGNATURE: signature,
        }
        return {name: _encode(value) for name, value in values.items()}

    @classmethod
    def from_headers(
        cls, headers: Mapping[str, str], *, status: int, body: bytes
    ) -> tuple[ResponseEnvelope, str]:
        service, operation = split_service(_header(headers, SERVICE))
        response_id = _header(headers, REQUEST_ID)
        if len(response_id) > MAX_ID_LENGTH:
            raise MalformedEnvelope(f"{REQUEST_ID} is longer than {MAX_ID_LENGTH} characters")
        envelope = cls(
            message_id=_header(headers, ID),
            response_id=response_id,
            client=_header(headers, CLIENT),
            service=service,
            operation=operation,
            request_hash=_header(headers, REQUEST_HASH),
            status=status,
            timestamp=_header(headers, TIMESTAMP),
            body_hash=sha256_hex(body),
            key_id=_header(headers, KEY_ID),
        )
        return envelope, _header(headers, SIGNATURE)
