"""Several statements sent to PostgreSQL as one query string: one round trip.

The project's PostgreSQL connections send values apart from the SQL (server-side binding),
which takes one statement per message. A string of several statements needs the text
protocol: the values merged into the SQL by psycopg's own quoting. PostgreSQL runs the
statements in order, each seeing what the ones before it wrote; outside a transaction the
whole string is one transaction, and a failure anywhere rolls all of it back.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

Statement = tuple[str, list[Any]]
SEPARATOR = ";\n"  # between the statements of one string


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
    sql = (
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
    cursor.execute(SEPARATOR.join(cursor.mogrify(text, values) for text, values in statements))


def text_protocol_cursor() -> Any:
    """A cursor that accepts a string of several statements, wrapped like any Django
    cursor so that errors and query logging behave the same."""
    from django.db.backends.postgresql.base import Cursor  # psycopg's client-side cursor

    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(Cursor(connection.connection))
