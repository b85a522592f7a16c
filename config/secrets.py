"""Demo-profile secrets: generated once per checkout under var/secrets/, never committed.

Production never comes here: every secret there is read from the environment.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def _generate(kind: str) -> str:
    if kind == "django":
        return secrets.token_urlsafe(50)
    if kind == "bytes32":
        return base64.b64encode(os.urandom(32)).decode()
    if kind == "aes-keyring":
        return "k1:" + base64.b64encode(os.urandom(32)).decode()
    if kind == "ed25519-keyring":
        # Any 32 random bytes are an Ed25519 private key; the key id is named after the
        # public key, as `manage.py permit_keys --new` names keys (umis/permits/signing.py).
        seed = os.urandom(32)
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
        kid = hashlib.sha256(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()
        return f"{kid[:8]}:{base64.b64encode(seed).decode()}"
    raise ValueError(f"unknown secret kind {kind}")


def demo_secret(directory: Path, name: str, *, kind: str) -> str:
    """Read the named demo secret, creating it atomically the first time."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(_generate(kind))
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)  # fails if another process won the race: keep theirs
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
