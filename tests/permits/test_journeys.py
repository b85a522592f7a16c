"""Both services end to end through the HTTP API with the worker between: each issue
produces its permit, which the holder sees on their status page and officers find."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.acceptance.test_api_journeys import APPLY, OFFICE, apply, post
from tests.cases.checks_helpers import confirmed_applicant, keep_test_connection, run_worker
from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.accounts.roles import Role
from umis.permits.models import Permit

pytestmark = pytest.mark.django_db

PERMITS = "/api/v1/office/permits/"


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
        run_worker()

    return run


def test_a_stay_confirmed_by_the_service_comes_with_its_registration_confirmation(
    portal, worker, staff_user_factory, verified_client
):
    form = stay_registration_data()
    sent = apply(portal, "stay-registration", form, key="stay-permit")
    worker()

    assert portal.get(f"{APPLY}{sent['number']}").json()["status"] == "issued"
    permit = Permit.objects.get(application__number=sent["number"])
    assert permit.permit_type == "registration"
    assert permit.issued_by.role == Role.SYSTEM
    assert (str(permit.valid_from), str(permit.valid_to)) == (
        form["arrival_date"],
        form["stay_until"],
    )
    page = portal.get(f"/applications/{sent['number']}/").content.decode()
    assert permit.number in page and "Registration confirmation" in page

    officer = verified_client(staff_user_factory(Role.CASE_OFFICER, department="khachmaz"))
    found = officer.get(PERMITS, {"number": permit.number}).json()
    assert found["count"] == 1
    assert found["items"][0]["application"] == sent["number"]


def test_a_permit_approved_and_issued_through_the_api_gets_a_number_and_a_fin(
    portal, worker, staff_user_factory, verified_client
):
    sent = apply(portal, "trp-issue", trp_issue_data(period="6m"), key="trp-permit")
    worker()
    number = sent["number"]
    officer = verified_client(staff_user_factory(Role.CASE_OFFICER, department="khachmaz"))
    head = verified_client(staff_user_factory(Role.APPROVING_OFFICER, department="khachmaz"))

    def act(client, name):
        version = client.get(f"{OFFICE}{number}").json()["version"]
        response = post(
            client,
            f"{OFFICE}{number}/transitions",
            {"transition": name, "expected_version": version},
        )
        assert response.status_code == 200, response.json()

    for client, name in [
        (officer, "accept"),
        (officer, "start_review"),
        (officer, "propose_approval"),
        (head, "approve"),
    ]:
        act(client, name)
    assert not Permit.objects.exists()  # approved is not issued yet
    act(officer, "issue")

    permit = Permit.objects.get(application__number=number)
    assert permit.permit_type == "temporary_residence" and len(permit.fin) == 7
    detail = officer.get(f"{PERMITS}{permit.number}").json()
    assert detail["fin"] == permit.fin
    assert detail["holder"]["name"] == "Rezaei Mohammad Reza"
    assert [e["action"] for e in detail["history"]] == ["issue"]
    status_page = portal.get(f"/applications/{number}/").content.decode()
    assert permit.number in status_page and "Temporary residence permit" in status_page
    office_page = officer.get(f"/office/applications/{number}/").content.decode()
    assert f"/office/permits/{permit.number}/" in office_page
