"""Both services from the first request to the decision, through the HTTP API only, with
the task worker in between: what an integrating system (or the portal) would do."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from tests.cases.checks_helpers import confirmed_applicant, keep_test_connection, run_worker
from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.accounts.roles import Role
from umis.cases.models import Application

pytestmark = pytest.mark.django_db

APPLY = "/api/v1/applications/"
OFFICE = "/api/v1/office/applications/"


@pytest.fixture
def portal():
    client = Client()
    client.force_login(confirmed_applicant("reza"))
    return client


@pytest.fixture
def worker(monkeypatch, django_capture_on_commit_callbacks):
    keep_test_connection(monkeypatch)

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            run_worker()
        run_worker()  # the e-mails queued by what the first round decided

    return run


def post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def apply(portal, service, form, key):
    response = post(
        portal,
        APPLY,
        {"service_code": service, "form_data": form},
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert response.status_code == 201, response.json()
    return response.json()


def statuses(portal, number):
    return [e["to_status"] for e in portal.get(f"{APPLY}{number}/history").json()]


def test_a_clean_stay_registration_is_confirmed_by_the_service_itself(portal, worker):
    sent = apply(portal, "stay-registration", stay_registration_data(), key="stay-1")
    assert sent["status"] == "submitted"
    # A replay of the same request creates nothing new and answers the same.
    replay = post(
        portal,
        APPLY,
        {"service_code": "stay-registration", "form_data": stay_registration_data()},
        HTTP_IDEMPOTENCY_KEY="stay-1",
    )
    assert replay.json() == sent
    assert Application.objects.count() == 1

    worker()

    mine = portal.get(f"{APPLY}{sent['number']}").json()
    assert mine["status"] == "issued"
    assert statuses(portal, sent["number"])[-2:] == ["approved", "issued"]
    subjects = [m.subject for m in mail.outbox]
    assert any(sent["number"] in s and "Issued" in s for s in subjects)


def test_a_stay_with_a_travel_ban_waits_for_an_officer(portal, worker):
    banned = stay_registration_data(document_number="P12345670")  # the simulator's ban
    sent = apply(portal, "stay-registration", banned, key="stay-2")

    worker()

    assert portal.get(f"{APPLY}{sent['number']}").json()["status"] == "submitted"


def test_a_permit_is_reviewed_proposed_and_approved_by_two_officers_through_the_api(
    portal, worker, staff_user_factory, verified_client
):
    sent = apply(portal, "trp-issue", trp_issue_data(fee_tier="fast"), key="trp-1")
    worker()
    officer = verified_client(staff_user_factory(Role.CASE_OFFICER, department="khachmaz"))
    head = verified_client(staff_user_factory(Role.APPROVING_OFFICER, department="khachmaz"))
    elsewhere = verified_client(staff_user_factory(Role.CASE_OFFICER, department="ganja"))
    number = sent["number"]

    def act(client, name, **body):
        version = client.get(f"{OFFICE}{number}").json()["version"]
        return post(
            client,
            f"{OFFICE}{number}/transitions",
            {"transition": name, "expected_version": version, **body},
        )

    assert elsewhere.get(f"{OFFICE}{number}").status_code == 404
    assert act(officer, "accept").status_code == 200
    accepted = officer.get(f"{OFFICE}{number}").json()
    assert accepted["due_date"]  # 15 working days on the fast tier, from acceptance
    assert act(officer, "start_review").status_code == 200
    assert act(officer, "propose_approval").status_code == 200
    # Four eyes: the proposer cannot approve; the head can.
    assert act(officer, "approve").status_code == 403
    # A stale version is a conflict, and nothing changes.
    stale = post(
        head, f"{OFFICE}{number}/transitions", {"transition": "approve", "expected_version": 1}
    )
    assert stale.status_code == 409
    assert act(head, "approve").status_code == 200
    # Approving twice is not possible: the state is named.
    again = act(head, "approve")
    assert again.status_code == 409 and "Approved" in again.json()["error"]["message"]

    worker()
    assert portal.get(f"{APPLY}{number}").json()["status"] == "approved"
    assert statuses(portal, number)[-1] == "approved"
    approved_mail = [m for m in mail.outbox if number in m.subject and "Approved" in m.subject]
    assert len(approved_mail) == 1
    assert "Collect it at the reception division" in approved_mail[0].body
