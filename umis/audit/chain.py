"""The hash chain, as pure functions: canonical serialisation and entry hashes.

An entry's hash is SHA-256 over a canonical JSON document of every recorded field,
including its sequence number and the previous entry's hash, so that editing, removing,
inserting or reordering entries breaks the chain. The serialisation must give the same
bytes on SQLite and PostgreSQL: keys sorted, no whitespace, ASCII only, datetimes in UTC
with microseconds, and details limited to JSON values that both databases return
unchanged (see ``normalise_details``).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Bumped only together with a new serialisation; stored in every hashed document.
FORMAT_VERSION = 1

HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "actor_department",
    "actor_kind",
    "action",
    "target_type",
    "target_id",
    "reason",
    "request_id",
    "ip_address",
    "outcome",
    "details",
    "prev_hash",
)


def format_timestamp(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_text(fields: Mapping[str, Any]) -> str:
    """The document hashed for one entry, as text (ASCII only). ``occurred_at`` is a
    datetime, or already the text ``format_timestamp`` makes of one."""
    doc: dict[str, Any] = {"v": FORMAT_VERSION}
    for name in HASHED_FIELDS:
        value = fields[name]
        if name == "occurred_at" and isinstance(value, datetime):
            value = format_timestamp(value)
        doc[name] = value
    return json.dumps(
        doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )


def canonical_document(fields: Mapping[str, Any]) -> bytes:
    """The exact bytes that are hashed for one entry."""
    return canonical_text(fields).encode("ascii")


def compute_entry_hash(fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_document(fields)).hexdigest()


def clean_text(value: Any, max_length: int | None = None) -> str:
    """A string both databases store and return unchanged.

    PostgreSQL refuses NUL characters and lone surrogates cannot be encoded as UTF-8, so
    both are replaced rather than letting an audit write fail.
    """
    text = "" if value is None else str(value)
    text = _UNSTORABLE.sub("\ufffd", text)
    return text[:max_length] if max_length is not None else text


def normalise_details(value: Any) -> Any:
    """Details reduced to values that survive a round trip through either database.

    Floats become strings: PostgreSQL's jsonb stores numbers as decimals and may give back
    a different Python value (1e100 comes back as an int), which would change the hash.
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {clean_text(k): normalise_details(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [normalise_details(v) for v in items]
    return clean_text(value)  # dates, UUIDs, Decimals, enums: their text form


def normalise_ip(value: Any) -> str | None:
    """One text form per address; None when there is no valid address."""
    if not value:
        return None
    try:
        address = ipaddress.ip_address(str(value).strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(address).split("%", 1)[0]  # a zone id names a local interface, not a peer
    return str(address)


def link_after(entries: list[Any], *, seq: int, prev_hash: str, now: datetime) -> None:
    """Number, stamp and hash ``entries`` (audit entries, in order) after the head
    ``seq``/``prev_hash``: each names the hash of the one before it."""
    for entry in entries:
        seq += 1
        entry.seq, entry.prev_hash, entry.occurred_at = seq, prev_hash, now
        entry.entry_hash = prev_hash = compute_entry_hash(entry.hash_fields())
