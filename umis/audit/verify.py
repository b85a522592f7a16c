"""Proving the audit log intact: walk the chain in order and name the first bad entry.

``verify_chain`` is pure: it takes any iterable of entry rows in (seq, id) order and keeps
only the previous two rows in memory. ``audit_chain_verify`` feeds it from the database in
chunks and checks the result against a signed checkpoint.

Checks, in order, for each entry:
- sequence numbers run 1, 2, 3, ... (a repeat or a step back is "out of order", a skip
  is a "gap": an entry was removed);
- ids grow with sequence numbers: entries are appended under a lock, so an entry whose id
  is out of step was inserted later (a forged entry);
- the stored hash matches the entry's content (the entry was changed);
- the entry names the previous entry's hash (the chain was cut or spliced);
- at the checkpoint's sequence number, the hash is the signed one (a re-hashed chain),
  and the log still reaches that number (the newest entries were removed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from umis.audit.chain import GENESIS_HASH, HASHED_FIELDS, compute_entry_hash
from umis.audit.checkpoints import (
    Checkpoint,
    CheckpointError,
    latest_checkpoint_path,
    load_checkpoint,
    signature_problem,
)
from umis.audit.models import AuditEntry

ROW_FIELDS = ("id", *HASHED_FIELDS, "entry_hash")


@dataclass(frozen=True)
class ChainProblem:
    code: str  # seq_order | seq_gap | hash_mismatch | broken_link | checkpoint_*
    message: str
    seq: int | None = None
    entry_id: int | None = None

    def __str__(self) -> str:
        if self.seq is None:
            return self.message
        entry_id = "-" if self.entry_id is None else self.entry_id
        return f"entry #{self.seq} (id {entry_id}): {self.message}"


@dataclass(frozen=True)
class Anchor:
    """A trusted entry to continue from: its seq, hash and id."""

    seq: int
    entry_hash: str
    entry_id: int | None = None


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None = None
    checkpoint: Checkpoint | None = None

    def __str__(self) -> str:
        if not self.ok:
            return str(self.problem)
        return _("OK: %(count)s entries, head #%(seq)s %(hash)s") % {
            "count": self.count,
            "seq": self.head_seq,
            "hash": self.head_hash,
        }


def _content_problem(row: Mapping[str, Any], prev_hash: str) -> tuple[str, str] | None:
    try:
        recomputed = compute_entry_hash(row)
    except (TypeError, ValueError):
        recomputed = None
    if recomputed != row["entry_hash"]:
        return "hash_mismatch", _("content does not match its hash (the entry was changed)")
    if row["prev_hash"] != prev_hash:
        if row["seq"] == 1:
            return "broken_link", _("the first entry does not start from the genesis hash")
        return "broken_link", _("does not link to the hash of entry #%(prev)s") % {
            "prev": row["seq"] - 1
        }
    return None


def verify_chain(
    rows: Iterable[Mapping[str, Any]],
    *,
    checkpoint: tuple[int, str] | None = None,
    resume_after: Anchor | None = None,
) -> VerifyResult:
    """Walk rows (ordered by seq, then id) and return OK or the first bad entry.

    ``checkpoint`` is a signed (seq, head hash) the log must still reach and match.
    ``resume_after`` starts the walk after a trusted entry instead of at the genesis.
    """
    prev_seq, prev_hash, prev_id = 0, GENESIS_HASH, None
    if resume_after is not None:
        prev_seq, prev_hash = resume_after.seq, resume_after.entry_hash
        prev_id = resume_after.entry_id
    prev_prev_id: int | None = None

    def fail(code: str, message: str, seq: int | None, entry_id: int | None) -> VerifyResult:
        problem = ChainProblem(code=code, message=message, seq=seq, entry_id=entry_id)
        return VerifyResult(False, prev_seq, prev_seq, prev_hash, problem)

    for row in rows:
        seq, entry_id = row["seq"], row["id"]
        if seq <= prev_seq:
            message = (
                _("sequence numbers must start at #1")
                if prev_id is None and resume_after is None
                else _("sequence number repeats or goes back after #%(prev)s") % {"prev": prev_seq}
            )
            return fail("seq_order", message, seq, entry_id)
        if seq != prev_seq + 1:
            message = _("gap in the sequence: entry #%(expected)s is missing") % {
                "expected": prev_seq + 1
            }
            return fail("seq_gap", message, seq, entry_id)
        if prev_id is not None and entry_id <= prev_id:
            # Either the previous entry's id is too high (it was inserted later, then
            # numbered into the middle) or this one's is too low; the entry two back
            # tells which.
            if prev_prev_id is not None and entry_id > prev_prev_id:
                message = _("written out of order: inserted after the entries that follow it")
                return fail("seq_order", message, prev_seq, prev_id)
            message = _("written out of order: inserted before the entry it follows")
            return fail("seq_order", message, seq, entry_id)
        content = _content_problem(row, prev_hash)
        if content is not None:
            return fail(*content, seq, entry_id)
        if checkpoint is not None and seq == checkpoint[0] and row["entry_hash"] != checkpoint[1]:
            message = _("hash differs from the signed checkpoint (the log was rewritten)")
            return fail("checkpoint_mismatch", message, seq, entry_id)
        prev_seq, prev_hash, prev_prev_id, prev_id = seq, row["entry_hash"], prev_id, entry_id

    if checkpoint is not None and prev_seq < checkpoint[0]:
        message = _(
            "missing: the log ends at #%(last)s but a signed checkpoint covers #%(seq)s"
        ) % {
            "last": prev_seq,
            "seq": checkpoint[0],
        }
        return fail("checkpoint_missing_entries", message, prev_seq + 1, None)
    return VerifyResult(True, prev_seq, prev_seq, prev_hash)


def iter_entry_rows(*, after_seq: int | None = None, chunk_size: int = 2000) -> Iterator[dict]:
    """Every entry as a dict, in (seq, id) order, fetched in chunks (keyset pagination)."""
    base = AuditEntry.objects.order_by("seq", "id").values(*ROW_FIELDS)
    cursor: tuple[int, int] | None = None
    while True:
        query = base
        if cursor is not None:
            query = query.filter(Q(seq__gt=cursor[0]) | Q(seq=cursor[0], id__gt=cursor[1]))
        elif after_seq is not None:
            query = query.filter(seq__gt=after_seq)
        chunk = list(query[:chunk_size])
        if not chunk:
            return
        yield from chunk
        cursor = (chunk[-1]["seq"], chunk[-1]["id"])


def resolve_checkpoint(checkpoint: Checkpoint | str | Path | None) -> Checkpoint | None:
    """A checkpoint object, loaded from a path, or the latest one on file (None if none)."""
    if isinstance(checkpoint, Checkpoint):
        return checkpoint
    if checkpoint is None:
        path = latest_checkpoint_path()
        return load_checkpoint(path) if path is not None else None
    return load_checkpoint(checkpoint)


def audit_chain_verify(
    checkpoint: Checkpoint | str | Path | None = None,
    *,
    use_latest: bool = True,
    incremental: bool = False,
    chunk_size: int = 2000,
) -> VerifyResult:
    """Verify the stored chain, and against a signed checkpoint (by default the latest).

    ``incremental`` trusts everything up to the checkpoint once its entry is shown to
    still carry the signed hash, and walks only the newer entries (used before signing
    the next checkpoint; a full run is what ``audit_verify`` does).
    """
    try:
        cp = resolve_checkpoint(checkpoint) if (checkpoint is not None or use_latest) else None
    except CheckpointError as exc:
        return VerifyResult(False, 0, 0, GENESIS_HASH, ChainProblem("checkpoint_invalid", str(exc)))
    if cp is not None:
        problem = signature_problem(cp)
        if problem is not None:
            return VerifyResult(
                False, 0, 0, GENESIS_HASH, ChainProblem("checkpoint_signature", problem), cp
            )
    expected = (cp.seq, cp.head_hash) if cp is not None else None

    if incremental and cp is not None and cp.seq > 0:
        anchor_row = AuditEntry.objects.filter(seq=cp.seq).order_by("id").values(*ROW_FIELDS)
        rows: Iterable[Mapping[str, Any]] = list(anchor_row[:1])
        row = rows[0] if rows else None
        if (
            row is None
            or row["entry_hash"] != cp.head_hash
            or compute_entry_hash(row) != cp.head_hash
        ):
            # Let the full walk find and name the first bad entry.
            result = verify_chain(iter_entry_rows(chunk_size=chunk_size), checkpoint=expected)
        else:
            result = verify_chain(
                iter_entry_rows(after_seq=cp.seq, chunk_size=chunk_size),
                resume_after=Anchor(cp.seq, cp.head_hash, row["id"]),
            )
    else:
        result = verify_chain(iter_entry_rows(chunk_size=chunk_size), checkpoint=expected)
    return VerifyResult(
        result.ok, result.count, result.head_seq, result.head_hash, result.problem, cp
    )
