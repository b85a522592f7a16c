"""Inserting new rows of a plain model with a statement built once per model.

``Model.save()`` assembles its INSERT anew on every call (the field list, each value's
placeholder, the RETURNING clause): for the handful of rows a submission writes, that
assembly costs more Python time than the database takes to store them. ``insert_row``
builds the statement once per model and connection vendor and, per call, only prepares the
values as ``save()`` does (``pre_save``, so ``auto_now_add`` and friends fill themselves
in, then ``get_db_prep_save``). The ``pre_save`` and ``post_save`` signals are sent as
``save()`` sends them; with no receiver that costs a dictionary look-up.

For models without parents (no multi-table inheritance) and without values the database
computes; anything else is refused when its statement is first built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Model
from django.db.models.fields import NOT_PROVIDED
from django.db.models.signals import post_save, pre_save

from umis.core.multi_statement import insert_statement

M = TypeVar("M", bound=Model)

_statements: dict[tuple[type[Model], str, bool, str | None], tuple[str, tuple[Any, ...]]] = {}


def insert_row(instance: M, *, using: str = "default", unless_taken: str | None = None) -> M:
    """INSERT ``instance`` as a new row, as ``instance.save(force_insert=True)`` would: an
    automatic primary key comes back on ``instance.pk``.

    ``unless_taken`` names a field with a unique index: when another row already holds
    the instance's value there, nothing is written (no error either, so the transaction
    goes on) and ``instance.pk`` stays None. For models with an automatic key only.
    """
    model = type(instance)
    connection = connections[using]
    with_auto_key = instance.pk is None and model._meta.auto_field is not None
    if unless_taken and not with_auto_key:
        raise TypeError("unless_taken needs an automatic primary key to tell what happened")
    sql, fields = _statement(model, connection, with_auto_key, unless_taken)
    # As save(): a related object saved after it was assigned lends its new key, an unsaved
    # one is refused.
    instance._prepare_related_fields_for_save(operation_name="insert_row")
    pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        if with_auto_key:
            returned = cursor.fetchone()
            if returned is None:  # the value of ``unless_taken`` was taken
                return instance
            instance.pk = returned[0]
    instance._state.adding = False
    instance._state.db = using
    post_save.send(
        sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using
    )
    return instance


def insert_rows(instances: Sequence[Model], *, using: str = "default") -> None:
    """INSERT new rows of one model in one statement, their keys not read back: for rows
    nobody refers to in the same transaction. No signals are sent (as ``bulk_create``)."""
    if not instances:
        return
    connection = connections[using]
    if connection.vendor != "postgresql":
        type(instances[0]).objects.using(using).bulk_create(instances)
        return
    sql, values = insert_statement(instances)
    with connection.cursor() as cursor:
        cursor.execute(sql, values)


def _statement(
    model: type[Model], connection: Any, with_auto_key: bool, unless_taken: str | None
) -> tuple[str, tuple]:
    key = (model, connection.vendor, with_auto_key, unless_taken)
    found = _statements.get(key)
    if found is None:
        meta = model._meta
        if meta.parents:
            raise TypeError(f"{meta.label} has parent models: save() writes those")
        fields = tuple(
            f for f in meta.concrete_fields if not (with_auto_key and f is meta.auto_field)
        )
        if any(
            f is not meta.auto_field and (f.db_returning or f.db_default is not NOT_PROVIDED)
            for f in fields
        ):
            raise TypeError(f"{meta.label} has values the database computes: use save()")
        if with_auto_key and not connection.features.can_return_columns_from_insert:
            raise TypeError("the database cannot return the new row's key")
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
        if unless_taken:
            field = meta.get_field(unless_taken)
            if not field.unique:
                raise TypeError(f"{meta.label}.{unless_taken} has no unique index")
            sql += f" ON CONFLICT ({quote(field.column)}) DO NOTHING"
        if with_auto_key:
            sql += f" RETURNING {quote(meta.auto_field.column)}"
        found = _statements[key] = (sql, fields)
    return found
