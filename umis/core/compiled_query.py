"""A hot read compiled by the ORM once per process, then run as plain SQL.

Compiling a queryset (joins, select list, quoting) costs more Python time than the
database takes to answer a primary-key look-up; a read done on every public request pays
it again each time. Here the queryset is built once with a marker in place of the looked-up
value, compiled for the connection's database, and each call swaps the value in and runs
the SQL. The rows come back as tuples in the order of the ``values_list`` names, passed
through the same converters the ORM applies (aware datetimes on SQLite too, JSON decoded).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet


class CompiledQuery:
    def __init__(self, build: Callable[[str], QuerySet], *, using: str = "default") -> None:
        """``build(marker)`` returns a ``values_list`` queryset filtering on ``marker``."""
        self._build = build
        self._using = using
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, vendor: str) -> _Compiled:
        compiled = self._compiled.get(vendor)
        if compiled is None:
            marker = "marker-" + secrets.token_hex(16)
            compiler = self._build(marker).query.get_compiler(self._using)
            sql, params = compiler.as_sql()
            positions = [i for i, value in enumerate(params) if value == marker]
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
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if compiled.converters:
            row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
        return tuple(row)


@dataclass(frozen=True)
class _Compiled:
    compiler: Any
    sql: str
    params: list[Any]
    position: int
    converters: dict[int, Any]
