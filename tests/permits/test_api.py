"""The office permits API: search, detail, revoke, cancel, replace; reach, rights, races."""

from __future__ import annotations

import pytest

from umis.audit.models import AuditEntry
from umis.permits.models import Permit

pytestmark = pytest.mark.django_db

API = "/api/v1/office/permits/"


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_search_and_detail_are_audited_reads(trp_permit, staff, verified_client):
    client = verified_client(staff["case"])
    found = client.get(API, {"name": "rezaei", "status": "active"}).json()
    assert found["count"] == 1
    item = found["items"][0]
    assert item["number"] == trp_permit.number
    assert item["status_label"] == "Active"
    assert item["issuing_department"] == "khachmaz"
    assert AuditEntry.objects.get(action="permit.search").details["shown"] == [trp_permit.number]

    detail = client.get(f"{API}{trp_permit.number.lower()}").json()
    assert detail["fin"] == trp_permit.fin
    assert detail["version"] == 1
    assert detail["history"][0]["label"] == "Issued"
    assert AuditEntry.objects.filter(action="permit.view", target_id=trp_permit.number).exists()


def test_a_search_paged_past_any_list_is_a_field_error(trp_permit, staff, verified_client):
    client = verified_client(staff["case"])
    response = client.get(API, {"name": "rezaei", "offset": 10**20})
    assert response.status_code == 422
    assert "offset" in response.json()["error"]["fields"]


def test_another_region_gets_404_and_an_empty_search(trp_permit, staff, verified_client):
    client = verified_client(staff["ganja_head"])
    assert client.get(f"{API}{trp_permit.number}").status_code == 404
    assert client.get(API).json() == {"count": 0, "items": []}
    body = {"reason_code": "expulsion", "expected_version": 1}
    assert post(client, f"{API}{trp_permit.number}/revoke", body).status_code == 404
    assert Permit.objects.get(pk=trp_permit.pk).status == "active"


def test_revoke_and_cancel_need_an_approving_officer(trp_permit, staff, verified_client):
    body = {"reason_code": "holder_request", "expected_version": 1}
    refused = post(verified_client(staff["case"]), f"{API}{trp_permit.number}/cancel", body)
    assert refused.status_code == 403
    done = post(verified_client(staff["head"]), f"{API}{trp_permit.number}/cancel", body)
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["version"]) == ("cancelled", 2)
    assert done.json()["history"][-1]["reason_code"] == "holder_request"


def test_a_missing_reason_names_the_field(trp_permit, staff, verified_client):
    client = verified_client(staff["head"])
    response = post(
        client, f"{API}{trp_permit.number}/revoke", {"reason_code": "other", "expected_version": 1}
    )
    assert response.status_code == 422
    assert "reason" in response.json()["error"]["fields"]
    unknown = post(
        client, f"{API}{trp_permit.number}/revoke", {"reason_code": "lost", "expected_version": 1}
    )
    assert unknown.status_code == 422 and "reason_code" in unknown.json()["error"]["fields"]


def test_a_stale_version_answers_409(trp_permit, staff, verified_client):
    body = {"reason_code": "conviction", "expected_version": 1}
    first = post(verified_client(staff["head"]), f"{API}{trp_permit.number}/revoke", body)
    assert first.status_code == 200
    again = post(verified_client(staff["head2"]), f"{API}{trp_permit.number}/revoke", body)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


def test_replace_answers_the_new_permit(trp_permit, staff, verified_client):
    client = verified_client(staff["reception"])
    response = post(
        client,
        f"{API}{trp_permit.number}/replace",
        {"reason_code": "stolen", "reason": "Police report 123.", "expected_version": 1},
    )
    assert response.status_code == 201
    new = response.json()
    assert new["replaces"] == trp_permit.number
    assert new["valid_to"] == str(trp_permit.valid_to)
    old = client.get(f"{API}{trp_permit.number}").json()
    assert (old["status"], old["replaced_by"]) == ("replaced", new["number"])


def test_a_machine_client_reads_but_never_decides(trp_permit, staff, client):
    from umis.accounts.models import ApiClient, Department
    from umis.accounts.token_services import api_token_issue

    machine = ApiClient.objects.create(
        name="Labour ministry", department=Department.objects.get(code="khachmaz")
    )
    _token, plaintext = api_token_issue(
        client=machine, scopes=["permits.view", "permits.decide"], expires_at=None, by=None
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    assert client.get(f"{API}{trp_permit.number}", **headers).status_code == 200
    response = client.post(
        f"{API}{trp_permit.number}/revoke",
        {"reason_code": "expulsion", "expected_version": 1},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403
    assert Permit.objects.get(pk=trp_permit.pk).status == "active"
