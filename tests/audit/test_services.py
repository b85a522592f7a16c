"""audit_record: who, what and from where, inside the caller's transaction."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.audit.helpers import make_department, make_staff
from umis.accounts.models import Department
from umis.accounts.roles import Role
from umis.audit.chain import GENESIS_HASH, compute_entry_hash
from umis.audit.models import AuditEntry
from umis.audit.services import audit_record
from umis.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


def office_request(user=None, *, ip="203.0.113.9", request_id="req-0123456789"):
    request = RequestFactory().get("/office/people/1/", REMOTE_ADDR=ip)
    request.user = user or AnonymousUser()
    request.request_id = request_id
    return request


def test_records_the_signed_in_officer_as_they_are_at_the_time():
    ganja = make_department("ganja", Department.Kind.REGIONAL)
    officer = make_staff("aysel", Role.CASE_OFFICER, ganja)
    entry = audit_record(
        action="person.view",
        target_type="person",
        target_id=42,
        request=office_request(officer),
        reason="application TRP-2025-000123",
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert (entry.actor_kind, entry.actor_id, entry.actor_username) == ("user", officer.pk, "aysel")
    assert (entry.actor_role, entry.actor_department) == ("case_officer", "ganja")
    assert (entry.target_type, entry.target_id, entry.outcome) == ("person", "42", "success")
    assert (entry.request_id, entry.ip_address) == ("req-0123456789", "203.0.113.9")
    assert entry.reason == "application TRP-2025-000123"
    assert (entry.seq, entry.prev_hash) == (1, GENESIS_HASH)
    assert entry.entry_hash == compute_entry_hash(entry.hash_fields())


def test_entries_link_into_one_chain():
    first = audit_record(action="person.create", target_type="person", target_id=1)
    second = audit_record(action="person.update", target_type="person", target_id=1)
    assert (second.seq, second.prev_hash) == (2, first.entry_hash)
    assert audit_chain_verify().ok


def test_explicit_actor_wins_and_survives_without_request():
    officer = make_staff("rashad", Role.HQ_OFFICER)
    entry = audit_record(action="person.update", target_type="person", target_id=5, actor=officer)
    assert (entry.actor_kind, entry.actor_username, entry.actor_department) == (
        "user",
        "rashad",
        "hq",
    )
    assert entry.ip_address is None and entry.request_id == ""


def test_machine_client_is_recorded_as_api_client():
    request = office_request()
    request.api_client = SimpleNamespace(id=17, name="border-service")
    entry = audit_record(action="person.view", target_type="person", target_id=3, request=request)
    assert (entry.actor_kind, entry.actor_id, entry.actor_username) == (
        "api_client",
        17,
        "border-service",
    )


def test_without_request_or_actor_the_system_acts():
    entry = audit_record(action="permit.expire", target_type="permit", target_id="TRP-1")
    assert (entry.actor_kind, entry.actor_id, entry.actor_username) == ("system", None, "")


def test_anonymous_member_of_the_public_keeps_address_and_request():
    entry = audit_record(
        action="permit.verify",
        target_type="permit",
        target_id="TRP-1",
        request=office_request(ip="::ffff:198.51.100.7"),
    )
    assert (entry.actor_kind, entry.actor_id) == ("user", None)
    assert entry.ip_address == "198.51.100.7"


def test_audit_row_rolls_back_with_the_change_it_describes():
    with pytest.raises(RuntimeError), transaction.atomic():
        make_department("audit-test-unit", Department.Kind.REGIONAL)
        audit_record(
            action="department.create", target_type="department", target_id="audit-test-unit"
        )
        raise RuntimeError("the change failed after the audit row was written")
    assert not Department.objects.filter(code="audit-test-unit").exists()
    assert not AuditEntry.objects.exists()
    # The next entry takes the freed number: no gap in the chain.
    assert audit_record(action="person.view", target_type="person", target_id=1).seq == 1
    assert audit_chain_verify().ok


def test_details_are_stored_as_plain_json_and_hash_stays_valid():
    entry = audit_record(
        action="person.update",
        target_type="person",
        target_id=9,
        details={"changed": ("surname",), "score": 0.93, "nul": "a\x00b", 3: "three"},
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.details == {
        "changed": ["surname"],
        "score": "0.93",
        "nul": "a\ufffdb",
        "3": "three",
    }
    assert stored.entry_hash == compute_entry_hash(stored.hash_fields())


def test_document_numbers_are_refused_in_details():
    with pytest.raises(ValueError, match="document numbers"):
        audit_record(
            action="document.add",
            target_type="document",
            target_id=1,
            details={"document": {"passport_number": "C01234567"}},
        )
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "kwargs", [{"action": "View person"}, {"action": "person"}, {"outcome": "ok"}]
)
def test_malformed_calls_fail_loudly(kwargs):
    with pytest.raises(ValueError):
        audit_record(**{"action": "person.view", "target_type": "person", "target_id": 1, **kwargs})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(details=st.dictionaries(st.text(max_size=8), json_values, max_size=4), text=st.text())
def test_any_entry_hashes_the_same_after_a_round_trip_through_the_database(details, text):
    entry = audit_record(
        action="person.update",
        target_type=text,
        target_id=text,
        reason=text,
        request=office_request(request_id=text),
        details=details,
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.hash_fields() == entry.hash_fields()
    assert stored.entry_hash == compute_entry_hash(stored.hash_fields())


def test_machine_client_passed_as_actor_is_still_an_api_client():
    client = SimpleNamespace(id=4, name="labour-ministry")
    entry = audit_record(action="person.view", target_type="person", target_id=3, actor=client)
    assert (entry.actor_kind, entry.actor_id, entry.actor_username) == (
        "api_client",
        4,
        "labour-ministry",
    )
