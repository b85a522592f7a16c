"""The Ed25519 keys that sign permits' QR payloads, and their publication as a JWKS.

Configured like the field-encryption keyring (``umis.core.crypto``), from the environment,
and parsed by the keyring reader the exchange's keys share (``umis.core.signing_keys``):

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

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings

from umis.core.signing_keys import (
    KID,
    Keyring,
    new_signing_key,
    parse_keyring,
    raw_public,
    suggested_key_id,
)

__all__ = [
    "KID",
    "PermitKeyring",
    "jwks",
    "keyring",
    "new_signing_key",
    "public_key",
    "raw_public",
    "suggested_key_id",
]

PermitKeyring = Keyring


def keyring() -> Keyring:
    """The configured keys; parsed once per distinct setting value (tests may override)."""
    return parse_keyring(
        getattr(settings, "UMIS_PERMIT_SIGNING_KEYS", ""),
        getattr(settings, "UMIS_PERMIT_SIGNING_ACTIVE_KEY", ""),
        getattr(settings, "UMIS_PERMIT_VERIFY_KEYS", ""),
        signing_name="UMIS_PERMIT_SIGNING_KEYS",
        verify_name="UMIS_PERMIT_VERIFY_KEYS",
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
