"""Ed25519 keyrings read from settings: the one parser for every signing key of UMIS.

A keyring is configured by three values (the permits' QR codes and the exchange with the
other state systems each have their own three):

- signing keys ``kid:base64,kid2:base64``: 32-byte Ed25519 private keys (their seeds);
  every listed key verifies;
- the active key id: the one that signs new messages;
- verify-only keys ``kid:base64,...``: 32-byte *public* keys of retired keys whose private
  half has been destroyed; they still verify what they signed and sign nothing.

Rotation: add a new key, make it active; what the old key signed keeps verifying under its
key id. Later move the old key to the verify-only list as its public key and destroy the
private half. Key ids are short (1 to 16 letters, digits, ``-``, ``_``) because they travel
with every signature; ``new_signing_key`` names a key after its public key's hash.
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
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

KID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


@dataclass(frozen=True)
class Keyring:
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


def key_entries(spec: str, *, name: str) -> list[tuple[str, bytes]]:
    """``kid:base64,...`` as (key id, 32 raw bytes) pairs; ``name`` is the setting's name."""
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
        entries.append((kid, decode_key(b64, name=f"{name} key {kid!r}")))
    return entries


def decode_key(b64: str, *, name: str) -> bytes:
    try:
        raw = base64.b64decode(b64.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{name} is not base64") from None
    if len(raw) != 32:
        raise ImproperlyConfigured(f"{name} must be 32 bytes")
    return raw


@lru_cache(maxsize=16)
def parse_keyring(
    signing_spec: str, active: str, verify_spec: str, *, signing_name: str, verify_name: str
) -> Keyring:
    """The keyring the three settings describe; parsed once per distinct value."""
    signing: dict[str, Ed25519PrivateKey] = {}
    verifying: dict[str, Ed25519PublicKey] = {}
    for kid, raw in key_entries(signing_spec, name=signing_name):
        if kid in signing:
            raise ImproperlyConfigured(f"{signing_name} lists key id {kid!r} twice")
        signing[kid] = Ed25519PrivateKey.from_private_bytes(raw)
        verifying[kid] = signing[kid].public_key()
    for kid, raw in key_entries(verify_spec, name=verify_name):
        if kid in verifying:
            raise ImproperlyConfigured(
                f"Key id {kid!r} is listed twice ({signing_name} and {verify_name} share "
                "one set of ids)"
            )
        verifying[kid] = Ed25519PublicKey.from_public_bytes(raw)
    if not signing:
        raise ImproperlyConfigured(f"{signing_name} holds no key")
    if active not in signing:
        raise ImproperlyConfigured(f"The active key {active!r} is not one of {signing_name}")
    return Keyring(signing=signing, verifying=verifying, active=active)


def new_signing_key() -> tuple[str, str, str]:
    """(key id, base64 private key, base64 public key) of a freshly generated key."""
    private = Ed25519PrivateKey.generate()
    public = private.public_key()
    return (
        suggested_key_id(public),
        base64.b64encode(private.private_bytes_raw()).decode(),
        base64.b64encode(raw_public(public)).decode(),
    )


def keyring_listing(ring: Keyring) -> list[tuple[str, str, str]]:
    """(key id, its role in words, base64 public key) of every key that verifies."""
    rows = []
    for kid, public in ring.verifying.items():
        if kid == ring.active:
            role = _("active: signs and verifies")
        elif kid in ring.signing:
            role = _("signing key, not active: verifies")
        else:
            role = _("retired: verifies only")
        rows.append((kid, role, base64.b64encode(raw_public(public)).decode()))
    return rows
