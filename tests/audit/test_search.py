"""The auditor's search: selector, office page, API and admin; each search is audited."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from tests.audit.helpers import build_chain, login_verified, make_staff, tamper_update
from umis.accounts.roles import Role
from umis.audit.admin import AuditEntryAdmin
from umis.audit.models import AuditEntry
from umis.audit.selectors import audit_search
from umis.audit.services import audit_record
from umis.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db
BAKU = ZoneInfo("Asia/Baku")
PAGE_URL = "/office/audit/"
API_URL = "/api/v1/office/audit/"


@pytest.fixture
def auditor():
    return make_staff("inspector", Role.AUDITOR)


@pytest.fixture
def officer():
    return make_staff("officer-leyla", Role.CASE_OFFICER)


def test_page_url_is_named_in_the_office_namespace():
    assert reverse("office:audit:search") == PAGE_URL


def test_selector_filters_by_actor_action_target_and_outcome(officer):
    build_chain(10)  # by the system
    audit_record(action="person.view", target_type="person", target_id=77, actor=officer)
    audit_record(action="person.update", target_type="person", target_id=77, actor=officer)
    audit_record(
        action="document.add", target_type="document", target_id=5, actor=officer, outcome="denied"
    )
    assert audit_search(actor="officer-leyla").paginator.count == 3
    assert audit_search(actor=str(officer.pk)).paginator.count == 3
    by_officer_on_person = audit_search(actor="officer-leyla", action="person.*")
    assert [e.action for e in by_officer_on_person] == ["person.update", "person.view"]
    assert audit_search(target_type="person", target_id="77").paginator.count == 2
    assert [e.action for e in audit_search(actor="officer-leyla", outcome="denied")] == [
        "document.add"
    ]
    assert audit_search(actor="nobody").paginator.count == 0


def test_selector_dates_are_whole_days_in_baku():
    entries = build_chain(3)
    # Just after midnight in Baku is still the previous day in UTC.
    times = [
        datetime(2025, 3, 1, 23, 59, tzinfo=BAKU),
        datetime(2025, 3, 2, 0, 5, tzinfo=BAKU),
        datetime(2025, 3, 3, 12, 0, tzinfo=BAKU),
    ]
    for entry, moment in zip(entries, times, strict=True):
        tamper_update(entry.seq, occurred_at=moment)  # times set for the test only
    found = audit_search(date_from=date(2025, 3, 2), date_to=date(2025, 3, 2))
    assert [e.seq for e in found] == [2]
    assert audit_search(date_from=date(2025, 3, 2)).paginator.count == 2
    assert audit_search(date_to=date(2025, 3, 2)).paginator.count == 2
    with pytest.raises(ValidationFailed) as failure:
        audit_search(date_from=date(2025, 3, 3), date_to=date(2025, 3, 2))
    assert "date_to" in failure.value.fields


def test_selector_pages_newest_first():
    build_chain(12)
    first = audit_search(page=1, page_size=5)
    assert [e.seq for e in first] == [12, 11, 10, 9, 8]
    assert first.paginator.num_pages == 3
    assert [e.seq for e in audit_search(page=3, page_size=5)] == [2, 1]


def test_auditor_sees_the_log_and_the_search_is_recorded(client, auditor):
    build_chain(3)
    login_verified(client, auditor)
    response = client.get(PAGE_URL, {"action": "person.*"}, HTTP_X_REQUEST_ID="audit-req-001")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Audit log" in html and "person.create" in html and "case review 1" in html
    search = AuditEntry.objects.get(action="audit.search")
    assert (search.actor_username, search.actor_role, search.request_id) == (
        "inspector",
        "auditor",
        "audit-req-001",
    )
    assert search.details["filters"]["action"] == "person.*"
    assert search.details["result_count"] == 3 and search.details["channel"] == "office"


def test_paging_keeps_the_filters(client, auditor):
    build_chain(120)
    login_verified(client, auditor)
    html = client.get(PAGE_URL, {"target_type": "person"}).content.decode()
    assert "Page 1 of 3" in html and "?target_type=person&amp;page=2" in html


def test_a_search_that_finds_nothing_says_so(client, auditor):
    login_verified(client, auditor)
    html = client.get(PAGE_URL, {"actor": "nobody-by-this-name"}).content.decode()
    assert "No entry matches these filters." in html


def test_bad_filters_get_a_message_beside_the_field_not_a_500(client, auditor):
    login_verified(client, auditor)
    response = client.get(PAGE_URL, {"date_from": "2025-13-45", "actor": "someone"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid date." in html and 'value="someone"' in html
    response = client.get(PAGE_URL, {"date_from": "2025-03-05", "date_to": "2025-03-01"})
    assert "The end date must not be before the start date." in response.content.decode()
    assert not AuditEntry.objects.filter(action="audit.search").exists()


def test_case_officer_is_refused(client, officer):
    login_verified(client, officer)
    assert client.get(PAGE_URL).status_code == 403
    assert client.get(API_URL).status_code == 403


def test_unverified_staff_session_goes_to_the_one_time_code_step(client, auditor):
    client.force_login(auditor)
    response = client.get(PAGE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("office:login_verify"))
    assert client.get(API_URL).status_code == 401


def test_api_returns_the_same_search_as_entries(client, auditor, officer):
    build_chain(4)
    audit_record(action="person.view", target_type="person", target_id=9, actor=officer)
    login_verified(client, auditor)
    response = client.get(API_URL, {"actor": "officer-leyla", "page_size": 10})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"], body["page_size"]) == (1, 1, 1, 10)
    item = body["items"][0]
    assert (item["seq"], item["action"], item["target_id"], item["actor_role"]) == (
        5,
        "person.view",
        "9",
        "case_officer",
    )
    assert len(item["entry_hash"]) == 64 and item["actor_kind"] == "user"
    search = AuditEntry.objects.get(action="audit.search")
    assert search.details["channel"] == "api" and search.actor_username == "inspector"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_from": "2025-03-05", "date_to": "2025-03-01"}, "date_to"),
        ({"outcome": "maybe"}, "outcome"),
        ({"page_size": 1000}, "page_size"),
    ],
)
def test_api_bad_filters_get_422_naming_the_field(client, auditor, params, field):
    login_verified(client, auditor)
    response = client.get(API_URL, params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and field in error["fields"]


def test_admin_is_read_only_and_for_auditors(auditor, officer):
    model_admin = AuditEntryAdmin(AuditEntry, site)
    request = RequestFactory().get("/admin/audit/auditentry/")
    request.user = auditor
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_actions(request) == {}
    request.user = officer
    assert not model_admin.has_view_permission(request)


def test_admin_pages_show_entries_and_log_the_reading(client, auditor):
    entry = build_chain(1)[0]
    auditor.is_staff = True
    auditor.save()
    login_verified(client, auditor)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 200
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    reads = AuditEntry.objects.filter(action="audit.search", details__channel="admin")
    assert reads.count() == 2
