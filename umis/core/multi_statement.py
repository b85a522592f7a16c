"""Several statements sent to PostgreSQL as one query string: one round trip.

The project's PostgreSQL connections send values apart from the SQL (server-side binding),
which takes one statement per message. A string of several statements needs the text
protocol: the values merged into the SQL by psycopg's own quoting. PostgreSQL runs the
statements in order, each seeing what the ones before it wrote; outside a transaction the
whole string is one transaction, and a failure anywhere rolls all of it back.

A statement whose text never changes (only its values do) can be marked ``Preparable``:
the text protocol has the database parse and plan every statement of every string anew,
which for an audit append cost the database as much again as running it, and under the
chain's lock. A preparable statement is prepared once per connection (a round trip of its
own, the first time) and then run by name with ``EXECUTE``.
"""

from __future__ import annotations

import functools
import itertools
import re
import weakref
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

Statement = tuple[str, list[Any]]
SEPARATOR = ";\n"  # between the statements of one string


class Preparable(str):
    """SQL text that is the same on every call, with a ``%s`` per value (each cast to its
    type, so that PREPARE can tell the types): ``execute_together`` runs it prepared."""

    __slots__ = ()


_names = itertools.count(1)
# Each prepared text's name (with the types its parameters are declared with), the same on
# every connection of this process.
_name_of: dict[tuple[str, tuple[str, ...]], str] = {}
# Per open connection (gone with it): the names prepared there.
_prepared: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
# The PREPARE of each name (for replaying captured statements).
_definitions: dict[str, str] = {}


def insert_statement(rows: Sequence[Model]) -> Statement:
    """One INSERT of new ``rows`` of one model on PostgreSQL (``auto_now_add`` times and
    field defaults are set on the instances; ids are not read back).

    Each column travels as one array, as the ORM's own bulk insert does it on PostgreSQL,
    so the statement's text depends on the model only and is built once.
    """
    model = type(rows[0])
    sql, fields = _unnest_insert(model)
    add = True  # pre_save of a new row: auto_now_add and friends fill themselves in
    prepared = [
        [f.get_db_prep_save(f.pre_save(row, add), connection) for row in rows] for f in fields
    ]
    return sql, prepared


@functools.cache
def _unnest_insert(model: type[Model]) -> tuple[str, tuple[Any, ...]]:
    # Every column but a key the database generates (a UUID key made in Python is kept).
    fields = tuple(f for f in model._meta.concrete_fields if f is not model._meta.auto_field)
    quote = connection.ops.quote_name
    # The base type without its length, as the ORM casts it (varchar[], not varchar(50)[]).
    arrays = ", ".join(f"%s::{f.db_type(connection).split('(')[0]}[]" for f in fields)
    sql = Preparable(
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 - names from the model
        f"({', '.join(quote(f.column) for f in fields)}) SELECT * FROM UNNEST({arrays})"
    )
    return sql, fields


def execute_together(cursor: Any, statements: Sequence[Statement]) -> None:
    """Send ``statements`` as one query string, on a ``text_protocol_cursor``.

    Each statement's values are merged into its own text first and the string goes
    without values: psycopg keeps the parse of a short query text it has seen, but parses
    a long one (over 4 kB, or with over 50 values) anew on every call, and the string of a
    write's tail is long.
    """
    statements = _by_name(cursor, statements)
    cursor.execute(SEPARATOR.join(cursor.mogrify(text, values) for text, values in statements))


def prepared_definitions() -> dict[str, str]:
    """The PREPARE of every preparable statement this process has prepared, by name."""
    return dict(_definitions)


def _by_name(cursor: Any, statements: Sequence[Statement]) -> list[Statement]:
    """``statements`` with each preparable one run by name, prepared on this connection
    first if it is not yet."""
    run = []
    for text, values in statements:
        if isinstance(text, Preparable):
            name = prepared_name(cursor, text)
            placeholders = ", ".join(["%s"] * len(values))
            text = f"EXECUTE {name}({placeholders})" if values else f"EXECUTE {name}"
        run.append((text, values))
    return run


def prepared_name(cursor: Any, text: str, types: Sequence[str] = ()) -> str:
    """The name ``text`` (SQL with psycopg's ``%s`` placeholders) is prepared under on the
    cursor's connection, preparing it there first if it is not yet. ``types`` declares the
    parameters' types, for a text that does not cast them itself.

    Each PREPARE is a round trip of its own, so a name is counted as prepared exactly when
    it is; and PREPARE outlives a rollback, so a string that fails after it leaves the
    statement usable. Names are one per text, not per connection: nothing grows as
    connections come and go.
    """
    key = (str(text), tuple(types))
    name = _name_of.get(key)
    if name is None:  # its definition is in place before another thread sees the name
        candidate = f"umis_prepared_{next(_names)}"
        declared = f" ({', '.join(types)})" if types else ""
        _definitions[candidate] = f"PREPARE {candidate}{declared} AS {_numbered(text)}"
        name = _name_of.setdefault(key, candidate)
    done = _prepared.setdefault(cursor.connection, set())
    if name not in done:
        cursor.execute(_definitions[name])
        done.add(name)
    return name


def _numbered(text: str) -> str:
    """psycopg's placeholders as PostgreSQL's: ``%s`` becomes ``$1``, ``$2``...; ``%%``
    becomes ``%``."""
    numbers = itertools.count(1)
    return re.sub(
        r"%%|%s", lambda found: "%" if found.group() == "%%" else f"${next(numbers)}", text
    )


def text_protocol_cursor() -> Any:
    """A cursor that accepts a string of several statements, wrapped like any Django
    cursor so that errors and query logging behave the same."""
    from django.db.backends.postgresql.base import Cursor  # psycopg's client-side cursor

    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(Cursor(connection.connection))
