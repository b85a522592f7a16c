"""A hot read compiled by the ORM once per process, then run as plain SQL.

Compiling a queryset (joins, select list, quoting) costs more Python time than the
database takes to answer a primary-key look-up; a read done on every public request pays
it again each time. Here the queryset is built once with a marker in place of the looked-up
value, compiled for the connection's database, and each call swaps the value in and runs
the SQL. The rows come back as tuples in the order of the ``values_list`` names, passed
through the same converters the ORM applies (aware datetimes on SQLite too, JSON decoded).

On PostgreSQL the statement is also prepared, once per connection, and run with EXECUTE
(``umis.core.multi_statement.prepared_name``).
Planning a join of a few tables costs the database more than running it; a prepared
statement keeps one plan for every value. That suits the look-ups this is for (by a unique
key: the best plan does not depend on the value), not a search whose best plan does.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from umis.core.multi_statement import prepared_name, text_protocol_cursor

# The type each parameter is declared with, checked in this order (a bool is an int, a
# datetime is a date).
_PG_TYPES = (
    (bool, "boolean"),
    (int, "bigint"),
    (str, "text"),
    (datetime, "timestamptz"),
    (date, "date"),
)


class CompiledQuery:
    def __init__(
        self, build: Callable[[Any], QuerySet], *, key: type = str, using: str = "default"
    ) -> None:
        """``build(marker)`` returns a ``values_list`` queryset filtering on ``marker``, a
        value of the ``key`` type (``str`` or ``int``) that the caller's values replace."""
        if key not in (str, int):
            raise TypeError("a compiled query is keyed by a str or an int")
        self._build = build
        self._key = key
        self._using = using
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, vendor: str) -> _Compiled:
        compiled = self._compiled.get(vendor)
        if compiled is None:
            # A value no caller will look up, found again in the compiled parameters.
            if self._key is int:
                marker = -(2**62) - secrets.randbelow(2**60)
            else:
                marker = "marker-" + secrets.token_hex(16)
            compiler = self._build(marker).query.get_compiler(self._using)
            sql, params = compiler.as_sql()
            positions = [
                i for i, value in enumerate(params) if type(value) is self._key and value == marker
            ]
            if len(positions) != 1:
                raise AssertionError("the query must use its marker exactly once")
            columns = [expression for expression, _sql, _alias in compiler.select]
            converters = compiler.get_converters(columns)
            compiled = _Compiled(compiler, sql, list(params), positions[0], converters)
            self._compiled[vendor] = compiled
        return compiled

    def first(self, value: Any) -> tuple | None:
        connection = connections[self._using]
        compiled = self._compile(connection.vendor)
        params = compiled.params.copy()
        params[compiled.position] = value
        if connection.vendor == "postgresql":
            row = self._first_prepared(compiled, params)
        else:
            with connection.cursor() as cursor:
                cursor.execute(compiled.sql, params)
                row = cursor.fetchone()
        if row is None:
            return None
        if compiled.converters:
            row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
        return tuple(row)

    def _first_prepared(self, compiled: _Compiled, params: list) -> Any:
        with text_protocol_cursor() as cursor:
            name = prepared_name(cursor, compiled.sql, _declared_types(compiled, self._key))
            placeholders = ", ".join(["%s"] * len(params))
            cursor.execute(f"EXECUTE {name}({placeholders})", params)
            return cursor.fetchone()


def _declared_types(compiled: _Compiled, key: type) -> tuple[str, ...]:
    """The PostgreSQL type of each parameter, from the compiled values (the marker's place
    of the key's type): the ORM's SQL does not cast its placeholders."""
    types = []
    for i, value in enumerate(compiled.params):
        if i == compiled.position:
            types.append("bigint" if key is int else "text")
            continue
        found = next((pg for kind, pg in _PG_TYPES if isinstance(value, kind)), None)
        if found is None:
            raise AssertionError(f"no PostgreSQL type for a {type(value).__name__} parameter")
        types.append(found)
    return tuple(types)


@dataclass(frozen=True)
class _Compiled:
    compiler: Any
    sql: str
    params: list[Any]
    position: int
    converters: dict[int, Any]
