"""New rows and their audit entries written together, in one or two round trips on
PostgreSQL.

A public check (a share code, a permit's online status) leaves a row and an audit entry,
and many checks are committed as one group (``umis.core.group_commit``). Written through
the ORM, a group took a round trip for each statement: the transaction's start, the rows,
the chain's lock, the chain's head, the entries, the commit. Here the rows' INSERT (compiled
by the ORM) travels with the entries' (``umis.audit.append_sql.append_together``): one
round trip for one entry, two for many. SQLite gets the same rows and entries through an
ordinary audited block.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Model

from umis.audit.append_sql import append_together
from umis.audit.models import AuditEntry
from umis.audit.services import NewAuditEntry, audit_entry_append, audited_block
from umis.core.multi_statement import insert_statement


def audit_write_together(*, rows: list[Model], entries: list[NewAuditEntry]) -> None:
    """Insert ``rows`` (new instances of one model; their ids are not read back) and append
    ``entries`` to the audit log, committed together (joining a transaction already open)."""
    if connection.vendor == "postgresql":
        before = [insert_statement(rows)] if rows else []
        append_together([AuditEntry(**entry.fields) for entry in entries], before=before)
        return
    with audited_block():
        if rows:
            type(rows[0]).objects.bulk_create(rows)
        for entry in entries:
            audit_entry_append(entry)


@dataclass
class WriteGroup:
    rows: list[Model] = field(default_factory=list)
    entries: list[NewAuditEntry] = field(default_factory=list)


_open = threading.local()


@contextmanager
def write_group() -> Iterator[WriteGroup]:
    """Gather rows and entries (``current_write_group``) and write them together at the
    end of the block; nothing is written if the block fails."""
    group = WriteGroup()
    _open.group = group
    try:
        yield group
    finally:
        _open.group = None
    audit_write_together(rows=group.rows, entries=group.entries)


def current_write_group() -> WriteGroup:
    group = getattr(_open, "group", None)
    if group is None:
        raise RuntimeError("not inside write_group()")  # a programming error
    return group
