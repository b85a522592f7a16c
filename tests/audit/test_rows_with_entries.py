"""Rows written with a block's audit entries: at its end on PostgreSQL, never if it fails."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from tests.conftest import signed_in_applicant
from umis.accounts.models import User
from umis.audit.models import AuditEntry
from umis.audit.services import audit_record, audited_block, rows_insert_with_entries
from umis.cases.models import IdempotencyRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    signed_in_applicant("rows-with-entries")
    return User.objects.get(username="rows-with-entries")


def _record(user, key):
    return IdempotencyRecord(user=user, key=key, request_hash="h" * 64, response_status=201)


def _keys() -> list[str]:
    return sorted(IdempotencyRecord.objects.values_list("key", flat=True))


def test_inside_a_block_the_rows_arrive_with_its_entries(user):
    with audited_block():
        rows_insert_with_entries([_record(user, "a"), _record(user, "b")])
        audit_record(action="test.rows", target_type="thing", target_id="1")
        # On PostgreSQL they wait for the block's end; SQLite writes them at once.
        assert _keys() == ([] if connection.vendor == "postgresql" else ["a", "b"])
    assert _keys() == ["a", "b"]
    assert AuditEntry.objects.filter(action="test.rows").count() == 1


def test_a_block_without_entries_still_writes_its_rows(user):
    with audited_block():
        rows_insert_with_entries([_record(user, "alone")])
    assert _keys() == ["alone"]


def test_the_rows_of_a_failed_inner_block_are_dropped_with_it(user):
    with audited_block():
        rows_insert_with_entries([_record(user, "outer")])
        # The caller keeps its own savepoint, catches the failure and carries on.
        with pytest.raises(RuntimeError), transaction.atomic(), audited_block():
            rows_insert_with_entries([_record(user, "inner")])
            raise RuntimeError("the inner write fails")
    assert _keys() == ["outer"]


def test_outside_a_block_the_rows_are_written_at_once(user):
    rows_insert_with_entries([_record(user, "now")])
    assert _keys() == ["now"]
