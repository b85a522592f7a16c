"""Appending to the chain on PostgreSQL in as few round trips as the lock allows.

The chain's lock is held from the moment it is taken until the commit, and every writer
waits for it. Reading the head, hashing in Python and inserting took three round trips
under the lock, with Python work between them. Here one entry is one ``INSERT ... SELECT``
that reads the head, stamps the entry, hashes it and inserts it, sent with the lock as one
query string; several entries take two round trips (the head, then one INSERT of all of
them hashed in Python), since a statement per entry costs the database more.

The hash is the same SHA-256 of the same canonical document (``umis.audit.chain``), so
``audit_verify`` checks these entries like any other: Python renders the document with
random markers where the time, the previous hash and the sequence number go, and the
statement puts the values in their places. The markers are fresh random strings sought
together with their keys, so no text an entry carries can be mistaken for one.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import connection

from umis.audit.chain import GENESIS_HASH, canonical_text, link_after
from umis.audit.models import AuditEntry
from umis.core.multi_statement import (
    Preparable,
    Statement,
    execute_together,
    insert_statement,
    text_protocol_cursor,
)

# Where the database puts its values; ``seq`` is a number in the document, so its marker
# is replaced together with the quotes JSON puts around a string.
_PLACED = ("occurred_at", "prev_hash", "seq")
# format_timestamp's format, as PostgreSQL's to_char writes it.
_UTC_TEXT = """to_char(n.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""


def _document_parts(entry: AuditEntry) -> list[str]:
    """The canonical document split around the three placed values (JSON keys are sorted,
    so they come in the order of ``_PLACED``)."""
    markers = {name: secrets.token_hex(16) for name in _PLACED}
    rest = canonical_text({**entry.hash_fields(), **markers})
    parts = []
    for name, marker in markers.items():
        value = f'"{marker}"'
        # The key and its quoted value: unguessable, and outside any string of the entry.
        before, found, rest = rest.partition(f'"{name}":{value}')
        if not found:
            raise AssertionError(f"the canonical document lost its {name}")  # a code change
        kept = f'"{name}":' if name == "seq" else f'"{name}":"'
        parts.append(before + kept)
        if name != "seq":
            rest = '"' + rest
    return [*parts, rest]


# "umisaudi" in ASCII: one fixed advisory-lock key for the whole chain.
ADVISORY_LOCK_KEY = 0x756D697361756469
LOCK_SQL = Preparable("SELECT pg_advisory_xact_lock(%s::bigint)")


@functools.cache
def _append_sql() -> tuple[str, tuple[Any, ...]]:
    """The append statement's text and the entry fields it takes as values (built once:
    only the values change from entry to entry)."""
    fields = tuple(
        f
        for f in AuditEntry._meta.concrete_fields
        if f.attname not in ("id", "seq", "occurred_at", "prev_hash", "entry_hash")
    )
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(f"%s::{f.db_type(connection)}" for f in fields)
    hashed = (
        "encode(sha256(convert_to(%s::text || " + _UTC_TEXT + " || %s::text || n.prev"
        " || %s::text || n.seq::text || %s::text, 'UTF8')), 'hex')"
    )
    table = quote(AuditEntry._meta.db_table)
    # Identifiers come from the model; every value is a parameter.
    sql = Preparable(
        f"WITH head AS (SELECT seq, entry_hash FROM {table} ORDER BY seq DESC LIMIT 1), "  # noqa: S608
        "n AS (SELECT COALESCE((SELECT seq FROM head), 0) + 1 AS seq, "
        "COALESCE((SELECT entry_hash FROM head), %s::text) AS prev, clock_timestamp() AS at) "
        f"INSERT INTO {table} (seq, occurred_at, prev_hash, entry_hash, {columns}) "
        f"SELECT n.seq, n.at, n.prev, {hashed}, {values} FROM n "
        "RETURNING id, seq, occurred_at, prev_hash, entry_hash"
    )
    return sql, fields


def append_statement(entry: AuditEntry) -> Statement:
    """The statement that inserts ``entry`` after the head, hashed by the database. Run it
    under the chain's lock."""
    sql, fields = _append_sql()
    params = [GENESIS_HASH, *_document_parts(entry)]
    params += [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    return sql, params


def append_together(
    entries: list[AuditEntry], *, before: Sequence[Statement] = (), commit: bool = False
) -> None:
    """``before``, then ``entries`` appended after the chain's head, committed with
    whatever transaction is open (or as a transaction of their own in autocommit).

    One entry: ``before``, the chain's lock and the entry's statement as one query string,
    one round trip. Several: the database would plan and run one statement per entry, so
    the lock and the head are read in a first round trip, the entries are hashed here and
    inserted with ``before`` in one statement in the second (see ``_append_many``).
    """
    if len(entries) > 1:
        _append_many(entries, before, commit=commit)
        return
    statements = [*before, (LOCK_SQL, [ADVISORY_LOCK_KEY]), *map(append_statement, entries)]
    if commit:
        statements.append(("COMMIT", []))
    with text_protocol_cursor() as cursor:
        execute_together(cursor, statements)
        for _ in range(len(before) + 1):  # past ``before`` and the lock: the first entry
            cursor.nextset()
        for entry in entries:
            entry.pk, entry.seq, entry.occurred_at, entry.prev_hash, entry.entry_hash = (
                cursor.fetchone()
            )
            entry._state.adding, entry._state.db = False, connection.alias
            cursor.nextset()


def _append_many(
    entries: list[AuditEntry], before: Sequence[Statement], *, commit: bool = False
) -> None:
    """Two round trips whatever the number of entries: (1) the lock, then the head and the
    database's clock read under it; (2) ``before`` and one INSERT of every entry, chained
    and hashed in Python as ``compute_entry_hash`` does for any entry.

    The lock is held between the two, so the transaction must span them: in autocommit the
    strings carry their own BEGIN and COMMIT (and a failure is rolled back here before it
    is raised); inside a transaction they join it.
    """
    own = not connection.in_atomic_block
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    head = Preparable(
        f"SELECT h.seq, h.entry_hash, clock_timestamp() FROM (SELECT 1) AS one "  # noqa: S608 - the model's table name
        f"LEFT JOIN (SELECT seq, entry_hash FROM {table} ORDER BY seq DESC LIMIT 1) AS h "
        "ON true"
    )
    first = [*([("BEGIN", [])] if own else []), (LOCK_SQL, [ADVISORY_LOCK_KEY]), (head, [])]
    with text_protocol_cursor() as cursor:
        try:
            execute_together(cursor, first)
            for _ in range(len(first) - 1):
                cursor.nextset()
            seq, prev_hash, now = cursor.fetchone()
            link_after(entries, seq=seq or 0, prev_hash=prev_hash or GENESIS_HASH, now=now)
            second = [*before, insert_statement(entries)]
            if own or commit:
                second.append(("COMMIT", []))
            execute_together(cursor, second)
        except BaseException:
            if own:
                cursor.execute("ROLLBACK")
            raise
    for entry in entries:
        entry._state.adding, entry._state.db = False, connection.alias
