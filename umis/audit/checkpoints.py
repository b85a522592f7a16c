"""Signed checkpoints: the head of the chain, signed with a key kept outside the database.

A hash chain alone cannot show that its newest entries were removed, nor that someone
with write access recomputed every hash after an edit. A checkpoint can: it records the
sequence number and hash of the head at a moment, signed with Ed25519. Verification then
requires the log to still reach that entry, with that hash.

Files are written one per checkpoint, never overwritten, named so that sorting the names
sorts them by time and sequence number. Copy them off the host as well: whoever can delete
checkpoint files can hide a truncation made after them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from umis.audit.chain import format_timestamp

FORMAT = "umis-audit-checkpoint"
VERSION = 1
FILE_PREFIX = "checkpoint-"


class CheckpointError(Exception):
    """A checkpoint file that cannot be read or trusted."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head_hash: str
    created_at: str
    key_id: str
    public_key: str
    signature: str = ""
    path: Path | None = field(default=None, compare=False)

    @property
    def count(self) -> int:
        # Sequence numbers run 1..n without gaps, so the head's number is the count.
        return self.seq

    @property
    def name(self) -> str:
        return self.path.name if self.path else f"#{self.seq}"

    def signed_fields(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "seq": self.seq,
            "count": self.count,
            "head_hash": self.head_hash,
            "created_at": self.created_at,
            "key_id": self.key_id,
            "public_key": self.public_key,
        }

    def signed_bytes(self) -> bytes:
        return json.dumps(self.signed_fields(), sort_keys=True, separators=(",", ":")).encode()

    def to_json(self) -> str:
        return json.dumps({**self.signed_fields(), "signature": self.signature}, indent=2) + "\n"


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id_for(public_key: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw_public(public_key)).hexdigest()[:16]


def signing_key() -> Ed25519PrivateKey:
    try:
        raw = base64.b64decode(settings.UMIS_AUDIT_SIGNING_KEY, validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "UMIS_AUDIT_SIGNING_KEY must be 32 random bytes, base64-encoded"
        ) from exc


def trusted_public_keys() -> dict[str, Ed25519PublicKey]:
    """The current key, plus retired public keys listed for checkpoints made before a change."""
    keys = {}
    for encoded in getattr(settings, "UMIS_AUDIT_TRUSTED_PUBLIC_KEYS", []):
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(encoded))
        keys[key_id_for(public)] = public
    current = signing_key().public_key()
    keys[key_id_for(current)] = current
    return keys


def checkpoint_dir() -> Path:
    return Path(settings.UMIS_AUDIT_CHECKPOINT_DIR)


def sign_checkpoint(*, seq: int, head_hash: str, created_at: datetime) -> Checkpoint:
    key = signing_key()
    public = key.public_key()
    unsigned = Checkpoint(
        seq=seq,
        head_hash=head_hash,
        created_at=format_timestamp(created_at),
        key_id=key_id_for(public),
        public_key=base64.b64encode(_raw_public(public)).decode(),
    )
    signature = base64.b64encode(key.sign(unsigned.signed_bytes())).decode()
    return Checkpoint(**{**asdict(unsigned), "signature": signature})


def signature_problem(checkpoint: Checkpoint) -> str | None:
    """None when a trusted key made this signature; otherwise what is wrong."""
    public = trusted_public_keys().get(checkpoint.key_id)
    if public is None:
        return _("checkpoint %(name)s is signed with an unknown key %(key)s") % {
            "name": checkpoint.name,
            "key": checkpoint.key_id,
        }
    try:
        public.verify(base64.b64decode(checkpoint.signature), checkpoint.signed_bytes())
    except (InvalidSignature, binascii.Error, ValueError):
        return _("checkpoint %(name)s has an invalid signature (the file was altered)") % {
            "name": checkpoint.name
        }
    return None


def write_checkpoint(checkpoint: Checkpoint, directory: Path | None = None) -> Checkpoint:
    """Write a new file; an existing file is never replaced."""
    directory = directory or checkpoint_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = checkpoint.created_at.replace("-", "").replace(":", "").replace(".", "")
    path = directory / f"{FILE_PREFIX}{stamp}-{checkpoint.seq:012d}.json"
    tmp = directory / f".{path.name}.{os.getpid()}.tmp"
    tmp.write_text(checkpoint.to_json())
    try:
        os.link(tmp, path)  # atomic, and fails rather than overwrite
    finally:
        tmp.unlink()
    return Checkpoint(**{**asdict(checkpoint), "path": path})


def load_checkpoint(path: str | Path) -> Checkpoint:
    path = Path(path)
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError as exc:
        raise CheckpointError(_("checkpoint file %(name)s not found") % {"name": path}) from exc
    except (OSError, ValueError) as exc:
        raise CheckpointError(
            _("checkpoint file %(name)s cannot be read") % {"name": path.name}
        ) from exc
    try:
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError("format")
        checkpoint = Checkpoint(
            seq=_int(data["seq"]),
            head_hash=str(data["head_hash"]),
            created_at=str(data["created_at"]),
            key_id=str(data["key_id"]),
            public_key=str(data["public_key"]),
            signature=str(data["signature"]),
            path=path,
        )
        if _int(data["count"]) != checkpoint.seq or checkpoint.seq < 0:
            raise ValueError("count")
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(
            _("checkpoint file %(name)s is not a valid checkpoint") % {"name": path.name}
        ) from exc
    return checkpoint


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an integer")
    return value


def latest_checkpoint_path(directory: Path | None = None) -> Path | None:
    directory = directory or checkpoint_dir()
    if not directory.is_dir():
        return None
    files = sorted(directory.glob(f"{FILE_PREFIX}*.json"))
    return files[-1] if files else None
