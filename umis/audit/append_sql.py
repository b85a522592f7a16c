"""Appending to the chain in one statement on PostgreSQL, the hash computed by the database.

The chain's lock is held from the moment it is taken until the commit, and every writer
waits for it. Reading the head, hashing in Python and inserting took three round trips
under the lock, with Python work between them; here one ``INSERT ... SELECT`` reads the
head, stamps the entry, hashes it and inserts it, so the lock is held for that statement
and the commit only.

The hash is the same SHA-256 of the same canonical document (``umis.audit.chain``), so
``audit_verify`` checks these entries like any other: Python renders the document with
random markers where the time, the previous hash and the sequence number go, and the
statement puts the values in their places. The markers are fresh random strings sought
together with their keys, so no text an entry carries can be mistaken for one.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import connection

from umis.audit.chain import GENESIS_HASH, canonical_text
from umis.audit.models import AuditEntry

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
LOCK_SQL = "SELECT pg_advisory_xact_lock(%s)"

Statement = tuple[str, list[Any]]


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
    sql = (
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


def append_together(entries: list[AuditEntry], *, before: Iterable[Statement] = ()) -> None:
    """``before``, the chain's lock, then each entry after the head, sent as one query
    string: one round trip to the database whatever the number of entries.

    PostgreSQL runs the statements of one string in order, each seeing what the previous
    ones wrote, and the whole string is one transaction unless a transaction is already
    open (then it joins it, and the lock is held until that one ends). Each entry's
    statement reads the head after the lock is granted, so the chain cannot fork.
    """
    statements = [*before, (LOCK_SQL, [ADVISORY_LOCK_KEY]), *map(append_statement, entries)]
    sql = ";\n".join(text for text, _params in statements)
    params = [value for _text, values in statements for value in values]
    skipped = len(statements) - len(entries)  # the results before the first entry's
    with _text_protocol_cursor() as cursor:
        cursor.execute(sql, params)
        for _ in range(skipped):
            cursor.nextset()
        for entry in entries:
            entry.pk, entry.seq, entry.occurred_at, entry.prev_hash, entry.entry_hash = (
                cursor.fetchone()
            )
            entry._state.adding, entry._state.db = False, connection.alias
            cursor.nextset()


def _text_protocol_cursor() -> Any:
    """A cursor that sends its query as text with the values merged in, the only way a
    string of several statements is accepted (the project's connections otherwise send
    values apart from the SQL, one statement at a time), wrapped like any Django cursor so
    that errors and query logging behave the same."""
    from django.db.backends.postgresql.base import Cursor  # psycopg's client-side cursor

    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(Cursor(connection.connection))
