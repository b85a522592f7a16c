"""Writing the audit log: one function, called inside the caller's transaction.

``audit_record`` joins the caller's transaction (nested atomic), so the audit row and the
change it describes commit or roll back together. Appending takes the chain's head under
a lock: ``pg_advisory_xact_lock`` on PostgreSQL (held until the caller commits), the
write lock of an IMMEDIATE transaction on SQLite. The unique ``seq`` is the last line of
defence: a writer that somehow read a stale head fails instead of forking the chain.

Because the lock is held until the surrounding transaction ends, call ``audit_record`` as
late as practical in a long transaction.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from umis.audit.chain import (
    GENESIS_HASH,
    clean_text,
    compute_entry_hash,
    normalise_details,
    normalise_ip,
)
from umis.audit.checkpoints import Checkpoint, sign_checkpoint, write_checkpoint
from umis.audit.models import AuditEntry
from umis.audit.verify import VerifyResult, audit_chain_verify

# "umisaudi" in ASCII: one fixed advisory-lock key for the whole chain.
ADVISORY_LOCK_KEY = 0x756D697361756469

_ACTION = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
# Keys that would mean a decrypted document number is being written into the log.
FORBIDDEN_DETAIL_KEYS = frozenset({"document_number", "passport_number", "mrz", "mrz_lines"})


def _field_max(name: str) -> int | None:
    return AuditEntry._meta.get_field(name).max_length


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


def _lock_head() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


@transaction.atomic
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
    """Append one entry to the audit log and return it."""
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

    _lock_head()
    head = AuditEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    entry = AuditEntry(seq=seq, prev_hash=prev_hash, occurred_at=timezone.now(), **fields)
    entry.entry_hash = compute_entry_hash(entry.hash_fields())
    entry.save()
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
