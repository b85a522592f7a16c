"""An audited write that is its own transaction commits in the round trip of its entries."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from umis.accounts.models import Department
from umis.audit.models import AuditEntry
from umis.audit.services import audit_record, audited_block
from umis.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite appends the ordinary way and commits apart")


def _seen_by_another_session(code: str) -> bool:
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        dbname=settings["NAME"],
    ) as other:
        row = other.execute("SELECT count(*) FROM accounts_department WHERE code = %s", [code])
        return row.fetchone()[0] == 1


def _write(code: str, entries: int = 1) -> None:
    Department.objects.create(code=code, kind="regional", name_az=code)
    for n in range(entries):
        audit_record(action="test.commit", target_type="department", target_id=f"{code}-{n}")


@pytest.mark.parametrize("entries", [1, 3])
def test_the_change_and_its_entries_are_committed_and_the_callbacks_run_once(entries):
    ran = []
    with CaptureQueriesContext(connection) as captured, audited_block():
        _write(f"one-trip-{entries}", entries)
        transaction.on_commit(lambda: ran.append(_seen_by_another_session(f"one-trip-{entries}")))
    assert ran == [True]  # after the commit, and the change was visible then
    assert captured.captured_queries[-1]["sql"].rstrip().endswith("COMMIT")
    assert AuditEntry.objects.filter(action="test.commit").count() == entries
    assert audit_chain_verify().ok
    # The connection carries on as usual: the next write is a transaction of its own.
    with audited_block():
        _write("next-write")
    assert _seen_by_another_session("next-write")


def test_a_failure_before_the_entries_leaves_nothing():
    with pytest.raises(RuntimeError), audited_block():
        _write("failed-write")
        raise RuntimeError("the write fails")
    assert not _seen_by_another_session("failed-write")
    assert not AuditEntry.objects.filter(target_id__startswith="failed-write").exists()


def test_inside_a_larger_transaction_the_entries_wait_for_its_commit():
    with transaction.atomic():
        with audited_block():
            _write("inner-write")
        assert not _seen_by_another_session("inner-write")  # not committed yet
    assert _seen_by_another_session("inner-write")


def test_a_transaction_the_caller_began_is_left_for_the_caller_to_commit():
    connection.set_autocommit(False)
    try:
        with audited_block():
            _write("callers-write")
        assert not _seen_by_another_session("callers-write")  # the caller has not committed
        connection.commit()
    finally:
        connection.set_autocommit(True)
    assert _seen_by_another_session("callers-write")
