"""Hand-written INSERTs that follow the models as they change.

The seeding SQL (B2) and the pgbench script (B1) name the columns they care about; every
other column is filled the way Django would fill it (NULL, the field's default, now() for
automatic timestamps), read from the model at run time. A field added tomorrow without a
default is reported by name instead of breaking the benchmark obscurely.
"""

from __future__ import annotations

from django.db import connection, models


class UnknownColumn(RuntimeError):
    pass


def _default_sql(field: models.Field) -> str | None:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return "now()"
    if field.has_default():
        value = field.get_db_prep_save(field.get_default(), connection)
        return connection.ops.compose_sql("%s", [value])
    if field.null:
        return "NULL"
    return None


def column_values(model: type[models.Model], given: dict[str, str]) -> tuple[str, str]:
    """``(column list, SQL expressions)`` for an INSERT into ``model``'s table.

    ``given`` maps field names (or column names) to SQL expressions; the automatic primary
    key is left to the database.
    """
    columns: list[str] = []
    values: list[str] = []
    unused = set(given)
    for field in model._meta.concrete_fields:
        name = field.name if field.name in given else field.column
        if name in given:
            expression = given[name]
            unused.discard(name)
        elif isinstance(field, models.AutoField | models.BigAutoField):
            continue
        else:
            expression = _default_sql(field)
            if expression is None:
                raise UnknownColumn(
                    f"{model._meta.label}.{field.name} has no default: the benchmark must "
                    "give it a value (bench/sqlgen.py callers)"
                )
        columns.append(connection.ops.quote_name(field.column))
        values.append(expression)
    if unused:
        raise UnknownColumn(f"{model._meta.label} has no fields {sorted(unused)}")
    return ", ".join(columns), ", ".join(values)


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def row_like(instance: models.Model, given: dict[str, str]) -> tuple[str, str]:
    """``(column list, SQL expressions)`` repeating ``instance``'s values as literals.

    For a baseline that writes rows shaped exactly like ours: ``given`` replaces what
    must differ per row (keys, numbers, times); an automatic primary key is left out.
    """
    columns: list[str] = []
    values: list[str] = []
    for field in instance._meta.concrete_fields:
        name = field.name if field.name in given else field.column
        if name in given:
            expression = given[name]
        elif isinstance(field, models.AutoField | models.BigAutoField):
            continue
        else:
            value = field.get_db_prep_save(getattr(instance, field.attname), connection)
            expression = connection.ops.compose_sql("%s", [value])
        columns.append(connection.ops.quote_name(field.column))
        values.append(expression)
    return ", ".join(columns), ", ".join(values)
