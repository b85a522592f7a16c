"""The Ed25519 keys that sign permits' QR payloads, and their publication as a JWKS.

Configured like the field-encryption keyring (``umis.core.crypto``), from the environment:

- ``UMIS_PERMIT_SIGNING_KEYS``: ``kid:base64,kid2:base64`` where each value is a 32-byte
  Ed25519 private key (its seed). Every listed key verifies and is published.
- ``UMIS_PERMIT_SIGNING_ACTIVE_KEY``: the key id that signs new payloads.
- ``UMIS_PERMIT_VERIFY_KEYS``: ``kid:base64,...`` of 32-byte Ed25519 *public* keys of
  retired signing keys whose private half has been destroyed: they still verify (and are
  published) what they signed, and sign nothing.

Rotation: add a new key to ``UMIS_PERMIT_SIGNING_KEYS``, make it active; permits signed
before keep verifying under the old key id. Later move the old key to
``UMIS_PERMIT_VERIFY_KEYS`` as its public key (``manage.py permit_keys --list`` prints
it) and destroy its private half. Never drop a key while permits it signed are valid.

Key ids travel in every QR code, so they are short: 1 to 16 letters, digits, ``-``, ``_``.
``manage.py permit_keys --new`` makes a key and names it after its public key's hash.
In the demo profile a key is generated once into ``var/secrets/`` like the other secrets.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


@dataclass(frozen=True)
class PermitKeyring:
    signing: dict[str, Ed25519PrivateKey]
    verifying: dict[str, Ed25519PublicKey]
    active: str

    def active_key(self) -> tuple[str, Ed25519PrivateKey]:
        return self.active, self.signing[self.active]


def raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def suggested_key_id(public_key: Ed25519PublicKey) -> str:
    """A short key id derived from the public key: two keys never get the same by chance."""
    return hashlib.sha256(raw_public(public_key)).hexdigest()[:8]


def _entries(spec: str, *, name: str) -> list[tuple[str, bytes]]:
    entries = []
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        kid, sep, b64 = item.partition(":")
        kid = kid.strip()
        if not sep or not KID.match(kid):
            raise ImproperlyConfigured(
                f"{name} must look like 'kid:base64key,kid2:base64key' "
                "(key ids: 1 to 16 letters, digits, '-' or '_')"
            )
        try:
            raw = base64.b64decode(b64.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise ImproperlyConfigured(f"{name} key {kid!r} is not base64") from None
        if len(raw) != 32:
            raise ImproperlyConfigured(f"{name} key {kid!r} must be 32 bytes")
        entries.append((kid, raw))
    return entries


@lru_cache(maxsize=8)
def _parse(signing_spec: str, active: str, verify_spec: str) -> PermitKeyring:
    signing: dict[str, Ed25519PrivateKey] = {}
    verifying: dict[str, Ed25519PublicKey] = {}
    for kid, raw in _entries(signing_spec, name="UMIS_PERMIT_SIGNING_KEYS"):
        if kid in signing:
            raise ImproperlyConfigured(f"UMIS_PERMIT_SIGNING_KEYS lists key id {kid!r} twice")
        signing[kid] = Ed25519PrivateKey.from_private_bytes(raw)
        verifying[kid] = signing[kid].public_key()
    for kid, raw in _entries(verify_spec, name="UMIS_PERMIT_VERIFY_KEYS"):
        if kid in verifying:
            raise ImproperlyConfigured(
                f"Permit key id {kid!r} is listed twice (signing and verify-only keys "
                "share one set of ids)"
            )
        verifying[kid] = Ed25519PublicKey.from_public_bytes(raw)
    if not signing:
        raise ImproperlyConfigured("UMIS_PERMIT_SIGNING_KEYS holds no key")
    if active not in signing:
        raise ImproperlyConfigured(
            f"UMIS_PERMIT_SIGNING_ACTIVE_KEY {active!r} is not one of the signing key ids"
        )
    return PermitKeyring(signing=signing, verifying=verifying, active=active)


def keyring() -> PermitKeyring:
    """The configured keys; parsed once per distinct setting value (tests may override)."""
    return _parse(
        getattr(settings, "UMIS_PERMIT_SIGNING_KEYS", ""),
        getattr(settings, "UMIS_PERMIT_SIGNING_ACTIVE_KEY", ""),
        getattr(settings, "UMIS_PERMIT_VERIFY_KEYS", ""),
    )


def public_key(kid: str) -> Ed25519PublicKey | None:
    """The public key that verifies payloads signed under ``kid``, if it is published."""
    return keyring().verifying.get(kid)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwks() -> dict:
    """Every published key as a JSON Web Key Set (RFC 7517, OKP keys of RFC 8037)."""
    ring = keyring()
    order = [ring.active] + sorted(kid for kid in ring.verifying if kid != ring.active)
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": _b64url(raw_public(ring.verifying[kid])),
                "kid": kid,
                "use": "sig",
                "alg": "EdDSA",
            }
            for kid in order
        ]
    }


def new_signing_key() -> tuple[str, str, str]:
    """(key id, base64 private key, base64 public key) of a freshly generated key."""
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes_raw()
    public = private.public_key()
    return (
        suggested_key_id(public),
        base64.b64encode(seed).decode(),
        base64.b64encode(raw_public(public)).decode(),
    )
