"""On PostgreSQL the database hashes each entry as it appends it: the same hash as Python's."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from umis.audit.chain import GENESIS_HASH, compute_entry_hash
from umis.audit.models import AuditEntry
from umis.audit.services import audit_record, audited_block
from umis.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite appends the ordinary way (its writes are serialised anyway)")


def _python_hash(entry: AuditEntry) -> str:
    return compute_entry_hash(entry.hash_fields())


def test_the_first_entry_follows_the_genesis_and_hashes_like_python():
    entry = audit_record(action="test.first", target_type="thing", target_id="1")
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.seq, stored.prev_hash) == (1, GENESIS_HASH)
    assert stored.entry_hash == entry.entry_hash == _python_hash(stored)
    assert stored.occurred_at == entry.occurred_at


def test_a_batch_chains_in_order_and_verifies():
    with audited_block():
        for n in range(3):
            audit_record(action="test.batch", target_type="thing", target_id=str(n))
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.target_id for e in entries] == ["0", "1", "2"]
    assert [e.prev_hash for e in entries[1:]] == [e.entry_hash for e in entries[:-1]]
    assert audit_chain_verify().ok


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    reason=st.text(max_size=60),
    value=st.one_of(st.text(max_size=40), st.integers(), st.booleans(), st.none()),
)
def test_text_that_looks_like_the_document_cannot_misplace_a_value(reason, value):
    # Keys and values an entry may carry that imitate the placed ones.
    details = {"occurred_at": value, "seq": '"seq":"1"', "prev_hash": reason}
    entry = audit_record(
        action="test.tricky",
        target_type="thing",
        target_id='"seq":',
        reason=reason,
        details=details,
    )
    assert AuditEntry.objects.get(pk=entry.pk).entry_hash == _python_hash(
        AuditEntry.objects.get(pk=entry.pk)
    )
