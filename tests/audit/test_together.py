"""Rows and their audit entries written together: both or neither, one intact chain."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, connections
from django.test.utils import CaptureQueriesContext

from umis.accounts.models import Department
from umis.audit.models import AuditEntry
from umis.audit.services import audit_entry_new, audit_record
from umis.audit.together import (
    audit_write_together,
    current_write_group,
    write_group,
)
from umis.audit.verify import audit_chain_verify


def _department(code: str) -> Department:
    return Department(code=code, kind=Department.Kind.REGIONAL, name_az=code, name_en=code)


def _entry(target: str):
    return audit_entry_new(
        action="department.check",
        target_type="department",
        target_id=target,
        details={"note": "ünïcode ✓"},
    )


@pytest.mark.django_db
def test_rows_and_entries_land_together_after_the_head_and_verify():
    first = audit_record(action="test.before", target_type="thing", target_id="0")
    audit_write_together(
        rows=[_department("north"), _department("south")],
        entries=[_entry("north"), _entry("south")],
    )
    assert set(Department.objects.values_list("code", flat=True)) >= {"north", "south"}
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.target_id for e in entries] == ["0", "north", "south"]
    assert entries[1].prev_hash == first.entry_hash
    assert entries[2].prev_hash == entries[1].entry_hash
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_on_postgresql_a_group_of_many_is_two_round_trips_and_one_entry_is_one():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes the group through an ordinary audited block")
    with CaptureQueriesContext(connection) as queries:
        audit_write_together(
            rows=[_department(f"d{n}") for n in range(5)],
            entries=[_entry(str(n)) for n in range(5)],
        )
    assert len(queries) == 2
    assert Department.objects.filter(code__startswith="d").count() == 5
    assert AuditEntry.objects.count() == 5
    with CaptureQueriesContext(connection) as queries:
        audit_write_together(rows=[_department("single")], entries=[_entry("single")])
    assert len(queries) == 1
    assert audit_chain_verify().ok


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("entries", [1, 3])
def test_outside_a_transaction_a_failing_row_leaves_no_entry_and_no_row(entries):
    Department.objects.create(code="taken", kind=Department.Kind.REGIONAL, name_az="x")
    with pytest.raises(IntegrityError):
        audit_write_together(
            rows=[_department("fresh"), _department("taken")],
            entries=[_entry(f"fresh-{n}") for n in range(entries)],
        )
    assert not Department.objects.filter(code="fresh").exists()
    assert not AuditEntry.objects.exists()
    # The connection is usable afterwards, and the chain goes on from where it was.
    audit_write_together(rows=[_department("fresh")], entries=[_entry("fresh")])
    assert AuditEntry.objects.get().seq == 1
    connections.close_all()


@pytest.mark.django_db
def test_a_write_group_gathers_and_writes_at_its_end_and_nothing_if_it_fails():
    with write_group():
        group = current_write_group()
        group.rows.append(_department("gathered"))
        group.entries.append(_entry("gathered"))
        assert not Department.objects.filter(code="gathered").exists()  # not yet
    assert Department.objects.filter(code="gathered").exists()
    assert AuditEntry.objects.filter(target_id="gathered").exists()

    with pytest.raises(ValueError), write_group():
        current_write_group().entries.append(_entry("lost"))
        raise ValueError("the check failed")
    assert not AuditEntry.objects.filter(target_id="lost").exists()
    with pytest.raises(RuntimeError):
        current_write_group()  # outside any group
