"""Field encryption (AES-256-GCM with a keyring) and keyed blind indexes for exact search.

Stored form of an encrypted value::

    v1:<kid>:<base64(nonce || ciphertext || tag)>

The key id travels with the value, so decryption picks the right key and keys can be
rotated: add a new key to ``UMIS_ENCRYPTION_KEYS``, make it ``UMIS_ENCRYPTION_ACTIVE_KEY``,
and old values still read; ``manage.py rotate_encryption`` then rewrites them under the
active key. The associated data binds each ciphertext to its column (the *context*, e.g.
``people.IdentityDocument.number``) and to its version and key id, so a value copied into
another column, or relabelled with another key id, fails authentication instead of reading.

Encrypted values cannot be searched; ``blind_index`` gives a keyed HMAC-SHA256 of the
normalised value for exact matches without storing the plaintext.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

VERSION = "v1"
NONCE_BYTES = 12
_KID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class CryptoError(Exception):
    """A value could not be encrypted or decrypted; the message never contains the value."""


class UnknownKeyError(CryptoError):
    pass


class DecryptionError(CryptoError):
    pass


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, bytes]
    active: str

    def key(self, kid: str) -> bytes:
        try:
            return self.keys[kid]
        except KeyError:
            raise UnknownKeyError(
                f"Encryption key id {kid!r} is not in UMIS_ENCRYPTION_KEYS; "
                "a value written under it cannot be read until the key is configured again."
            ) from None


def _b64_key(value: str, *, name: str, kid: str = "") -> bytes:
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(
            f"{name}{f' key {kid!r}' if kid else ''} is not base64"
        ) from None
    if len(raw) != 32:
        raise ImproperlyConfigured(f"{name}{f' key {kid!r}' if kid else ''} must be 32 bytes")
    return raw


@lru_cache(maxsize=8)
def _parse_keyring(spec: str, active: str) -> Keyring:
    keys: dict[str, bytes] = {}
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        kid, sep, b64 = item.partition(":")
        kid = kid.strip()
        if not sep or not _KID.match(kid):
            raise ImproperlyConfigured(
                "UMIS_ENCRYPTION_KEYS must look like 'kid:base64key,kid2:base64key' "
                "(key ids: letters, digits, '-' or '_')"
            )
        if kid in keys:
            raise ImproperlyConfigured(f"UMIS_ENCRYPTION_KEYS lists key id {kid!r} twice")
        keys[kid] = _b64_key(b64, name="UMIS_ENCRYPTION_KEYS", kid=kid)
    if not keys:
        raise ImproperlyConfigured("UMIS_ENCRYPTION_KEYS holds no key")
    if active not in keys:
        raise ImproperlyConfigured(
            f"UMIS_ENCRYPTION_ACTIVE_KEY {active!r} is not one of the configured key ids"
        )
    return Keyring(keys=keys, active=active)


def keyring() -> Keyring:
    """The configured keyring; parsed once per distinct setting value (tests may override)."""
    return _parse_keyring(
        getattr(settings, "UMIS_ENCRYPTION_KEYS", ""),
        getattr(settings, "UMIS_ENCRYPTION_ACTIVE_KEY", ""),
    )


def _aad(kid: str, context: str) -> bytes:
    return f"{VERSION}|{kid}|{context}".encode()


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypt under the active key; ``context`` names the column the value belongs to."""
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.key(ring.active)).encrypt(
        nonce, plaintext.encode(), _aad(ring.active, context)
    )
    return f"{VERSION}:{ring.active}:{base64.b64encode(nonce + sealed).decode()}"


def _split(token: str) -> tuple[str, bytes]:
    version, _, rest = token.partition(":")
    kid, _, payload = rest.partition(":")
    if version != VERSION or not kid or not payload:
        raise DecryptionError("The stored value is not in the encrypted form v1:<kid>:<data>.")
    try:
        blob = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise DecryptionError("The stored encrypted value is not valid base64.") from None
    if len(blob) < NONCE_BYTES + 16:
        raise DecryptionError("The stored encrypted value is too short.")
    return kid, blob


def key_id_of(token: str) -> str:
    """The key id a stored value was written under (without decrypting it)."""
    return _split(token)[0]


def decrypt(token: str, *, context: str) -> str:
    kid, blob = _split(token)
    key = keyring().key(kid)
    try:
        plain = AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _aad(kid, context))
    except InvalidTag:
        raise DecryptionError(
            f"The encrypted value for {context} failed authentication: it was altered, "
            "or it belongs to another column."
        ) from None
    return plain.decode()


def needs_reencryption(token: str) -> bool:
    return key_id_of(token) != keyring().active


def reencrypt(token: str, *, context: str) -> str:
    """The same plaintext under the active key; a value already under it is returned as is."""
    if not needs_reencryption(token):
        return token
    return encrypt(decrypt(token, context=context), context=context)


# --- Blind index -------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]+")


def normalise_for_index(value: str) -> str:
    """Uppercase, spaces and dashes removed: 'ab 12-345' and 'AB12345' index alike."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()


@lru_cache(maxsize=4)
def _index_key(b64: str) -> bytes:
    return _b64_key(b64, name="UMIS_INDEX_KEY")


def blind_index(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 (hex) of the normalised value; ``purpose`` keeps columns unlinkable."""
    key = _index_key(getattr(settings, "UMIS_INDEX_KEY", ""))
    message = purpose.encode() + b"\x00" + normalise_for_index(value).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# --- Model field ---------------------------------------------------------------------------


class EncryptedTextField(models.TextField):
    """Plaintext on the model instance, ``v1:<kid>:...`` in the database column.

    The context (associated data) is ``<app_label>.<ModelName>.<field name>`` unless given.
    Only ``isnull`` and ``startswith`` (used with a ``v1:<kid>:`` prefix to find values
    under a given key) are allowed as lookups: any other filter on a randomised ciphertext
    would silently match nothing, so it is refused. Search with a blind index instead.
    """

    _ALLOWED_LOOKUPS = frozenset({"isnull", "startswith"})

    def __init__(self, *args: Any, context: str | None = None, **kwargs: Any) -> None:
        self._explicit_context = context
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls: type[models.Model], name: str, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, **kwargs)
        self.context = self._explicit_context or f"{cls._meta.label}.{name}"

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if self._explicit_context is not None:
            kwargs["context"] = self._explicit_context
        return name, path, args, kwargs

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in self._ALLOWED_LOOKUPS:
            raise TypeError(
                f"{self.context} is encrypted and cannot be filtered with '{lookup_name}'; "
                "search it through its blind index."
            )
        return super().get_lookup(lookup_name)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt(value, context=self.context)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value), context=self.context)


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedTextField]]:
    """Every encrypted column of every installed model (for rotation)."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]
