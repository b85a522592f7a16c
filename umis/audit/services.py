"""Writing the audit log: one function, called inside the caller's transaction.

``audit_record`` joins the caller's transaction (nested atomic), so the audit row and the
change it describes commit or roll back together. Appending takes the chain's head under
a lock: ``pg_advisory_xact_lock`` on PostgreSQL (held until the caller commits), the
write lock of an IMMEDIATE transaction on SQLite. The unique ``seq`` is the last line of
defence: a writer that somehow read a stale head fails instead of forking the chain.

Because the lock is held until the surrounding transaction ends, a write that records
several entries, or does much work after its first one, runs in ``audited_transaction``:
its entries are prepared where they happen and appended together when the block ends,
still inside the transaction, so the lock is taken once and held only for the last
statements and the commit. Concurrent writers then queue on the chain for that moment
only, not for the whole of each other's work.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import pre_save
from django.http import HttpRequest
from django.utils import timezone

from umis.audit.append_sql import append_together
from umis.audit.chain import (
    GENESIS_HASH,
    clean_text,
    link_after,
    normalise_details,
    normalise_ip,
)
from umis.audit.checkpoints import Checkpoint, sign_checkpoint, write_checkpoint
from umis.audit.models import AuditEntry
from umis.audit.verify import VerifyResult, audit_chain_verify
from umis.core.multi_statement import (
    Statement,
    execute_together,
    insert_statement,
    text_protocol_cursor,
)
from umis.core.row_insert import insert_rows

_ACTION = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
# Keys that would mean a decrypted document number is being written into the log.
FORBIDDEN_DETAIL_KEYS = frozenset({"document_number", "passport_number", "mrz", "mrz_lines"})


@functools.cache
def _field_max(name: str) -> int | None:
    return AuditEntry._meta.get_field(name).max_length  # fixed for the process's life


def _actor_snapshot(request: HttpRequest | None, actor: Any) -> dict[str, Any]:
    """Who acted, as they were at the time (names and roles change later)."""
    api_client = getattr(request, "api_client", None) if request is not None else None
    if actor is not None and not hasattr(actor, "get_username"):
        api_client, actor = actor, None  # a machine client passed as the actor
    if actor is None and api_client is not None:
        department = getattr(api_client, "department", None)
        return {
            "actor_kind": AuditEntry.ActorKind.API_CLIENT,
            "actor_id": api_client.id,
            "actor_username": getattr(api_client, "name", ""),
            "actor_role": getattr(api_client, "role", "") or "",
            "actor_department": getattr(department, "code", "") or "",
        }
    user = actor if actor is not None else getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        department = user.department if getattr(user, "department_id", None) else None
        return {
            "actor_kind": AuditEntry.ActorKind.USER,
            "actor_id": user.pk,
            "actor_username": user.get_username(),
            "actor_role": getattr(user, "role", "") or "",
            "actor_department": getattr(department, "code", "") or "",
        }
    # A request without a signed-in user is a member of the public; no request at all
    # means the system itself (a task, a command, a migration of data).
    kind = AuditEntry.ActorKind.SYSTEM if request is None else AuditEntry.ActorKind.USER
    return {
        "actor_kind": kind,
        "actor_id": None,
        "actor_username": "",
        "actor_role": "",
        "actor_department": "",
    }


def _check_details(details: Any, path: str = "details") -> None:
    if isinstance(details, dict):
        for key, value in details.items():
            if str(key).lower() in FORBIDDEN_DETAIL_KEYS:
                raise ValueError(f"{path}.{key}: document numbers must not enter the audit log")
            _check_details(value, f"{path}.{key}")
    elif isinstance(details, list | tuple):
        for index, value in enumerate(details):
            _check_details(value, f"{path}[{index}]")


def _head_and_now() -> tuple[int, str, Any]:
    """The chain's head and the time to stamp (SQLite, inside its IMMEDIATE transaction,
    which is the chain's lock there)."""
    head = AuditEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    seq, prev_hash = head if head else (0, GENESIS_HASH)
    return seq, prev_hash, timezone.now()


def _append(
    entries: list[AuditEntry], *, before: Sequence[Statement] = (), commit: bool = False
) -> None:
    """Chain ``entries`` after the head and insert them, under the chain's lock (on
    PostgreSQL after the ``before`` statements, in the same round trip)."""
    if connection.vendor == "postgresql":
        if entries:  # the lock, the head and the entries in one or two round trips
            append_together(entries, before=before, commit=commit)
        elif before:
            with text_protocol_cursor() as cursor:
                execute_together(cursor, [*before, *([("COMMIT", [])] if commit else [])])
        return
    seq, prev_hash, now = _head_and_now()
    link_after(entries, seq=seq, prev_hash=prev_hash, now=now)
    if len(entries) == 1:
        entries[0].save(force_insert=True)
    else:
        AuditEntry.objects.bulk_create(entries)


# What waits for the end of the current ``audited_transaction``, per connection (Django's
# connections are per thread): its entries, and on PostgreSQL the rows to insert with them.
_BATCH = "_umis_audit_batch"


@dataclass
class _Batch:
    entries: list[AuditEntry] = field(default_factory=list)
    rows: list[Statement] = field(default_factory=list)


P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def _audit_batch() -> Iterator[None]:
    batch: _Batch | None = getattr(connection, _BATCH, None)
    if batch is not None:
        # Nested: join the outer block. Entries and rows of a nested block that fails are
        # dropped with its changes (the caller may catch the error and carry on).
        entries, rows = len(batch.entries), len(batch.rows)
        try:
            yield
        except BaseException:
            del batch.entries[entries:], batch.rows[rows:]
            raise
        return
    batch = _Batch()
    setattr(connection, _BATCH, batch)
    try:
        yield
        if batch.entries or batch.rows:
            _append(batch.entries, before=batch.rows, commit=_last_in_transaction())
    finally:
        setattr(connection, _BATCH, None)


def _last_in_transaction() -> bool:
    """Whether the entries are the transaction's last statements before its commit: the
    block is the transaction's only atomic block, it began the transaction (not a caller
    that turned autocommit off) and nothing in it failed.

    Then the COMMIT travels in the same query string as the entries (PostgreSQL), so the
    chain's lock is held for one round trip instead of two; Django's own commit at the end
    of the block finds the transaction already committed and sends nothing (psycopg skips
    COMMIT on an idle connection), and runs the ``on_commit`` callbacks as usual.
    """
    return (
        connection.vendor == "postgresql"
        and len(connection.atomic_blocks) == 1
        and connection.commit_on_exit  # the block began the transaction and will commit it
        and not connection.savepoint_ids
        and not connection.needs_rollback
    )


@contextmanager
def audited_block() -> Iterator[None]:
    """The body of ``audited_transaction``, for a ``with`` statement."""
    # Inside another audited block there is no savepoint: the outer block is one use case
    # and a failure inside it fails all of it. The outermost block keeps Django's usual
    # behaviour (a savepoint only if a caller, such as a test, already opened a transaction).
    nested = getattr(connection, _BATCH, None) is not None
    with transaction.atomic(savepoint=not nested), _audit_batch():
        yield


def audited_transaction(func: Callable[P, R]) -> Callable[P, R]:
    """``transaction.atomic`` for a write that records audit entries: they are appended
    together at the end of the outermost such block (see the module's docstring)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with audited_block():
            return func(*args, **kwargs)

    return wrapper


def audit_record(
    *,
    action: str,
    target_type: str,
    target_id: str | int,
    request: HttpRequest | None = None,
    actor: Any = None,
    reason: str = "",
    outcome: str = "success",
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry to the audit log and return it (inside an ``audited_transaction``,
    prepare it: it is appended, and gets its ``seq``, when the block ends)."""
    return audit_entry_append(
        audit_entry_new(
            action=action,
            target_type=target_type,
            target_id=target_id,
            request=request,
            actor=actor,
            reason=reason,
            outcome=outcome,
            details=details,
        )
    )


@dataclass(frozen=True)
class NewAuditEntry:
    """An entry's fields, checked and filled from the request, not yet in the log."""

    fields: dict[str, Any]


def audit_entry_new(
    *,
    action: str,
    target_type: str,
    target_id: str | int,
    request: HttpRequest | None = None,
    actor: Any = None,
    reason: str = "",
    outcome: str = "success",
    details: dict | None = None,
) -> NewAuditEntry:
    """Who did what, from where: read from the request now, appended later (possibly by
    another thread, which must not read the request: see ``umis.core.group_commit``)."""
    # Wrong arguments here are programming errors, not user input: fail loudly.
    if not _ACTION.match(action) or len(action) > (_field_max("action") or 64):
        raise ValueError(f"audit action must look like 'area.verb', got {action!r}")
    if outcome not in AuditEntry.Outcome.values:
        raise ValueError(f"audit outcome must be one of {AuditEntry.Outcome.values}")
    _check_details(details or {})

    fields: dict[str, Any] = _actor_snapshot(request, actor)
    fields["actor_username"] = clean_text(fields["actor_username"], _field_max("actor_username"))
    fields["actor_role"] = clean_text(fields["actor_role"], _field_max("actor_role"))
    fields["actor_department"] = clean_text(
        fields["actor_department"], _field_max("actor_department")
    )
    fields.update(
        action=action,
        target_type=clean_text(target_type, _field_max("target_type")),
        target_id=clean_text(target_id, _field_max("target_id")),
        reason=clean_text(reason),
        request_id=clean_text(getattr(request, "request_id", ""), _field_max("request_id")),
        ip_address=normalise_ip(request.META.get("REMOTE_ADDR")) if request else None,
        outcome=outcome,
        details=normalise_details(details or {}),
    )

    return NewAuditEntry(fields)


def rows_insert_with_entries(rows: Sequence[Model]) -> None:
    """Insert new ``rows`` of one model, their keys not read back, with the audit entries
    of the current audited block: on PostgreSQL in the same round trip as the entries, at
    the end of the block; outside a block, or on SQLite, at once.

    For rows nothing reads or refers to before the block ends (a task to run after the
    commit, the record of an answer). ``pre_save`` is sent now, as ``save()`` sends it;
    ``post_save`` is not (as ``bulk_create``).
    """
    for row in rows:
        pre_save.send(
            sender=type(row), instance=row, raw=False, using=connection.alias, update_fields=None
        )
    batch = getattr(connection, _BATCH, None)
    if batch is None or connection.vendor != "postgresql":
        insert_rows(rows)
    elif rows:
        batch.rows.append(insert_statement(rows))


def audit_entry_append(new: NewAuditEntry) -> AuditEntry:
    """Append a prepared entry (at the end of the current audited block, if any)."""
    entry = AuditEntry(**new.fields)
    batch = getattr(connection, _BATCH, None)
    if batch is not None:
        batch.entries.append(entry)
    else:
        # Joins the caller's transaction (no savepoint: nothing here needs undoing alone).
        with transaction.atomic(savepoint=False):
            _append([entry])
    return entry


def audit_search_record(
    *, request: HttpRequest, filters: dict[str, Any], result_count: int, channel: str
) -> AuditEntry:
    """An auditor's search of the log is itself a read of personal data: log it."""
    return audit_record(
        action="audit.search",
        target_type="audit_log",
        target_id="",
        request=request,
        details={
            "filters": {k: v for k, v in filters.items() if v not in (None, "")},
            "result_count": result_count,
            "channel": channel,
        },
    )


class CheckpointRefused(Exception):
    """The chain failed verification, so its head must not be signed."""

    def __init__(self, result: VerifyResult) -> None:
        self.result = result
        super().__init__(str(result))


def audit_checkpoint_create(*, directory: Path | None = None, full: bool = False) -> Checkpoint:
    """Sign the current head and write it as a new checkpoint file.

    The chain is verified first, since signing a broken chain would bless the tampering:
    by default only the entries since the previous checkpoint (whose own entry must still
    carry the signed hash), so that a frequent job stays cheap on a large log; ``full``
    walks everything. Edits before the previous checkpoint that left the hashes alone are
    not blessed by this (the signed head is unchanged) and ``audit_verify`` reports them.
    """
    result = audit_chain_verify(incremental=not full)
    if not result.ok:
        raise CheckpointRefused(result)
    checkpoint = sign_checkpoint(
        seq=result.head_seq, head_hash=result.head_hash, created_at=timezone.now()
    )
    return write_checkpoint(checkpoint, directory)
