"""Officers work the queue through the API; jurisdiction and versions are enforced."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.cases.test_api import APPLY, QUEUE, apply, post, stay_form, trp_form
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(applicant):
    client = Client()
    client.force_login(applicant)
    return client


@pytest.fixture
def khachmaz(staff_user_factory, verified_client):
    return verified_client(staff_user_factory(role=Role.CASE_OFFICER, department="khachmaz"))


@pytest.fixture
def shaki(staff_user_factory, verified_client):
    return verified_client(staff_user_factory(role=Role.CASE_OFFICER, department="shaki"))


def submitted(portal, service="stay-registration", key="k-1", **body):
    form = stay_form() if service == "stay-registration" else trp_form()
    response = apply(portal, {"service_code": service, "form_data": form, **body}, key=key)
    assert response.status_code == 201, response.json()
    return response.json()["number"]


def transition(client, number, name, version, **body):
    return post(
        client,
        f"{QUEUE}{number}/transitions",
        {"transition": name, "expected_version": version, **body},
    )


def test_the_departments_officer_sees_accepts_and_the_deadline_is_set(portal, khachmaz):
    stay = submitted(portal)
    trp = submitted(portal, "trp-issue", key="k-2", district="gusar")

    queue = khachmaz.get(QUEUE).json()
    assert queue["count"] == 2
    assert {a["number"] for a in queue["items"]} == {stay, trp}
    only_trp = khachmaz.get(QUEUE, {"service_code": "trp-issue"}).json()
    assert [a["number"] for a in only_trp["items"]] == [trp]

    detail = khachmaz.get(f"{QUEUE}{trp}")
    assert detail.status_code == 200
    assert AuditEntry.objects.filter(action="application.view", target_id=trp).exists()
    version = detail.json()["version"]

    response = transition(khachmaz, trp, "accept", version)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "accepted"
    assert response.json()["due_date"]
    assert response.json()["version"] == version + 1
    # The applicant sees the same state.
    assert portal.get(f"{APPLY}{trp}").json()["status"] == "accepted"


def test_another_departments_officer_gets_not_found(portal, shaki):
    number = submitted(portal)
    assert shaki.get(QUEUE).json()["count"] == 0
    assert shaki.get(f"{QUEUE}{number}").status_code == 404
    assert transition(shaki, number, "accept", 2).status_code == 404


def test_a_stale_version_and_a_transition_not_allowed_are_conflicts(portal, khachmaz):
    number = submitted(portal)
    stale = transition(khachmaz, number, "accept", 1)
    assert stale.status_code == 409
    assert "Submitted" in stale.json()["error"]["message"]

    not_now = transition(khachmaz, number, "approve", 2)
    assert not_now.status_code in {403, 409}
    start = transition(khachmaz, number, "start_review", 2)
    assert start.status_code == 409
    assert "Submitted" in start.json()["error"]["message"]

    unknown = transition(khachmaz, number, "teleport", 2)
    assert unknown.status_code == 422
    assert "transition" in unknown.json()["error"]["fields"]


def test_a_reason_is_required_to_return_an_application(portal, khachmaz):
    number = submitted(portal)
    missing = transition(khachmaz, number, "return", 2)
    assert missing.status_code == 422 and "reason" in missing.json()["error"]["fields"]
    done = transition(khachmaz, number, "return", 2, reasons=["Photo missing", "No fee"])
    assert done.status_code == 200 and done.json()["status"] == "returned"


def test_applicant_withdraws_and_cannot_reach_others(portal, applicant_factory):
    number = submitted(portal)
    stranger = Client()
    stranger.force_login(applicant_factory())
    assert stranger.get(f"{APPLY}{number}").status_code == 404
    assert post(stranger, f"{APPLY}{number}/withdraw", {}).status_code == 404

    assert post(portal, f"{APPLY}{number}/withdraw", {"expected_version": 1}).status_code == 409
    response = post(portal, f"{APPLY}{number}/withdraw", {"expected_version": 2})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    again = post(portal, f"{APPLY}{number}/withdraw", {})
    assert again.status_code == 409 and "Withdrawn" in again.json()["error"]["message"]


def test_the_queue_is_paginated_most_urgent_first(portal, khachmaz):
    numbers = [submitted(portal, key=f"k-{i}") for i in range(3)]
    accepted = numbers[2]
    transition(khachmaz, accepted, "accept", 2)
    page = khachmaz.get(QUEUE, {"limit": 2, "offset": 0}).json()
    assert page["count"] == 3
    assert [a["number"] for a in page["items"]] == [accepted, numbers[0]]
    rest = khachmaz.get(QUEUE, {"limit": 2, "offset": 2}).json()
    assert [a["number"] for a in rest["items"]] == [numbers[1]]


def test_every_operation_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    ops = [
        op
        for path, item in schema["paths"].items()
        # documents: own test; not the portal's hand-over (/exchange/egov/applications)
        if "applications" in path and "/documents" not in path and "/exchange/" not in path
        for op in item.values()
    ]
    assert len(ops) == 9  # with assign (tests/cases/test_assignment.py)
    assert all(op.get("summary") for op in ops)
    bodies = schema["components"]["schemas"]
    for name in ("ApplyIn", "WithdrawIn", "TransitionIn", "AssignIn"):
        assert bodies[name].get("examples"), name


def test_an_offset_past_any_list_is_a_field_error_not_a_fault(khachmaz):
    response = khachmaz.get(QUEUE, {"offset": 10**20})
    assert response.status_code == 422
    assert "offset" in response.json()["error"]["fields"]
    assert khachmaz.get(QUEUE, {"offset": 5000}).json()["items"] == []
