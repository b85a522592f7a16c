"""History cannot be rewritten: the model refuses, and PostgreSQL refuses again."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from tests.audit.helpers import TABLE, build_chain, raw_rows
from umis.audit.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database triggers exist on PostgreSQL only"
)


def test_model_refuses_to_change_or_delete_an_entry():
    entry = build_chain(3)[1]
    entry.reason = "nothing to see here"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(seq=2).update(reason="edited")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(seq=2).reason == "case review 1"
    assert AuditEntry.objects.count() == 3


def test_a_second_entry_with_the_same_number_is_refused():
    """The unique sequence number is the last defence against a forked chain."""
    entry = build_chain(1)[0]
    twin = AuditEntry(**{**entry.hash_fields(), "entry_hash": entry.entry_hash})
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@postgres_only
@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {TABLE} SET reason = 'edited' WHERE seq = 2",
        f"DELETE FROM {TABLE} WHERE seq = 3",
    ],
)
def test_postgres_refuses_update_and_delete_in_raw_sql(sql):
    build_chain(3)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEntry.objects.get(seq=2).reason == "case review 1"
    assert AuditEntry.objects.count() == 3


@postgres_only
def test_postgres_refuses_orm_writes_that_go_around_the_model():
    build_chain(3)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_rows().filter(seq=2).update(reason="edited")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_rows().filter(seq=2)._raw_delete(connection.alias)
    assert AuditEntry.objects.count() == 3


@postgres_only
def test_postgres_refuses_truncate():
    build_chain(2)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # Test databases let the test runner's own TRUNCATE through; this makes the
        # trigger behave exactly as in production.
        cursor.execute("SET LOCAL umis.audit_strict = 'on'")
        cursor.execute(f"TRUNCATE {TABLE}")
    assert AuditEntry.objects.count() == 2
