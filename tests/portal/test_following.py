"""Following applications: the list, the status page with its history, withdrawal."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.eservices.form_data import stay_registration_data
from tests.portal.a11y import accessibility_problems
from umis.accounts.roles import Role
from umis.cases.intake import application_apply_online
from umis.cases.services import application_flag_set, application_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def reception(staff_user_factory):
    return staff_user_factory(role=Role.RECEPTION_OFFICER, with_device=False)


@pytest.fixture
def submitted(applicant):
    application, _code = application_apply_online(
        applicant=applicant, service_code="stay-registration", form_data=stay_registration_data()
    )
    return application


def test_list_shows_number_service_status_and_dates(signed_in, applicant, submitted):
    html = signed_in(applicant).get("/applications/").content.decode()
    assert accessibility_problems(html) == []
    assert submitted.number in html
    assert "Registration at the place of stay" in html
    assert "Submitted" in html
    assert "stay-registration" not in html  # the service by name, never its code


def test_status_page_history_due_date_and_no_officer_names(
    signed_in, applicant, submitted, reception
):
    accepted = application_transition(application=submitted, transition="accept", actor=reception)
    application_flag_set(
        application=accepted, flag="documents_requested", actor=_officer(reception)
    )
    html = signed_in(applicant).get(f"/applications/{submitted.number}/").content.decode()
    assert accessibility_problems(html) == []
    assert "You sent the application." in html
    assert "The Service accepted the application" in html
    accepted.refresh_from_db()
    from django.utils import formats

    assert formats.date_format(accepted.due_date, "DATE_FORMAT") in html
    assert reception.last_name not in html and reception.username not in html
    assert f'href="/applications/{submitted.number}/documents/"' in html
    assert "Withdraw the application" in html


def _officer(reception):
    # Flags are set by case officers; the reception officer's colleague will do.
    from umis.accounts.models import User

    return User.objects.create_user(
        username="case-officer-x",
        password="x",
        role=Role.CASE_OFFICER,
        department=reception.department,
    )


def test_withdraw_with_a_confirmation_page(signed_in, applicant, submitted):
    client = signed_in(applicant)
    page = client.get(f"/applications/{submitted.number}/withdraw/")
    html = page.content.decode()
    assert accessibility_problems(html) == []
    assert "Yes, withdraw it" in html
    submitted.refresh_from_db()
    assert submitted.status == "submitted"  # asking is not doing
    response = client.post(
        f"/applications/{submitted.number}/withdraw/", {"version": submitted.version}
    )
    assert response["Location"] == f"/applications/{submitted.number}/"
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"
    html = client.get(response["Location"]).content.decode()
    assert "Your application is withdrawn." in html
    assert "You withdrew the application." in html
    assert "Withdraw the application" not in html


def test_withdraw_with_a_stale_page_is_refused(signed_in, applicant, submitted, reception):
    client = signed_in(applicant)
    old_version = submitted.version
    application_transition(application=submitted, transition="accept", actor=reception)
    response = client.post(
        f"/applications/{submitted.number}/withdraw/", {"version": old_version}, follow=True
    )
    assert "Someone else changed this application" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "accepted"


def test_no_withdrawal_after_a_decision(signed_in, applicant, submitted, reception):
    application_transition(
        application=submitted, transition="return", actor=reception, reason="Incomplete."
    )
    client = signed_in(applicant)
    html = client.get(f"/applications/{submitted.number}/").content.decode()
    assert "Withdraw the application" not in html
    assert "Incomplete." in html  # the reason of a return is the applicant's to read
    response = client.post(f"/applications/{submitted.number}/withdraw/", follow=True)
    assert "can no longer be withdrawn" in response.content.decode()


def test_someone_elses_application_is_not_found(signed_in, submitted, portal_user_factory):
    stranger = signed_in(portal_user_factory())
    assert stranger.get(f"/applications/{submitted.number}/").status_code == 404
    assert stranger.post(f"/applications/{submitted.number}/withdraw/").status_code == 404


def test_apply_online_refuses_an_unconfirmed_account(client, portal_user_factory):
    from django.test import Client

    user = portal_user_factory(confirmed=False)
    api = Client()
    api.force_login(user)
    response = api.post(
        "/api/v1/applications/",
        {"service_code": "stay-registration", "form_data": stay_registration_data()},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-unconfirmed",
    )
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "email_not_confirmed"
    assert "Confirm your e-mail address" in error["message"]


def test_an_issued_registration_links_its_confirmation(monkeypatch):
    from tests.cases.checks_helpers import (
        apply,
        confirmed_applicant,
        keep_test_connection,
        run_worker,
    )

    keep_test_connection(monkeypatch)
    holder = confirmed_applicant("holder")
    application = apply(holder)
    client = Client()
    client.force_login(holder)
    page = f"/applications/{application.number}/"
    assert "/confirmation/" not in client.get(page).content.decode()  # not issued yet
    run_worker()
    application.refresh_from_db()
    assert application.status == "issued"
    html = client.get(page).content.decode()
    assert f'href="/applications/{application.number}/confirmation/"' in html
    assert "The document was issued." in html
