"""The applications API through the real HTTP stack: applicants apply, officers work."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.intake import application_access_code_matches
from umis.cases.models import Application

pytestmark = pytest.mark.django_db

APPLY = "/api/v1/applications/"
QUEUE = "/api/v1/office/applications/"


def stay_form(**changes):
    return stay_registration_data(**changes)


def trp_form(**changes):
    return trp_issue_data(**changes)


@pytest.fixture
def portal(applicant):
    client = Client()
    client.force_login(applicant)
    return client


def post(client, url, body, key=None, **extra):
    if key is not None:
        extra["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(url, body, content_type="application/json", **extra)


def apply(client, body, key="k-1"):
    return post(client, APPLY, body, key=key)


def test_applicant_submits_a_stay_registration_and_gets_a_one_time_access_code(portal):
    response = apply(portal, {"service_code": "stay-registration", "form_data": stay_form()})
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "submitted" and data["submitted_at"]
    application = Application.objects.get(number=data["number"])
    # Only a hash is kept, and it matches the code shown.
    assert data["access_code"] not in application.access_code_hash
    assert application_access_code_matches(application=application, code=data["access_code"])
    assert application.place_of_stay_district.code == "gusar"
    assert application.form_data["nationality"] == "IRN"  # stored cleaned

    mine = portal.get(APPLY).json()
    assert [a["number"] for a in mine] == [data["number"]]
    history = portal.get(f"{APPLY}{data['number']}/history").json()
    # Sent in one request, the application's history starts with its submission, which
    # flags the checks the Service starts with the state systems.
    assert [e["transition"] for e in history] == ["submit"]
    assert application.flags == ["checks_pending"]
    assert application.events.get().details == {"flags_set": ["checks_pending"]}


def test_bad_form_data_is_refused_naming_the_field(portal):
    response = apply(
        portal,
        {"service_code": "stay-registration", "form_data": stay_form(host_kind="embassy")},
    )
    assert response.status_code == 422
    assert "form_data.host_kind" in response.json()["error"]["fields"]
    assert not Application.objects.exists()


def test_unknown_service_and_role_not_allowed(portal):
    response = apply(portal, {"service_code": "moon-visa", "form_data": {}})
    assert response.status_code == 422
    assert "moon-visa" in response.json()["error"]["fields"]["service_code"]
    host = Client()
    host.force_login(User.objects.create_user(username="host1", password="x", role=Role.HOST))
    # A host may register a stay but not ask for a residence permit.
    response = apply(host, {"service_code": "trp-issue", "form_data": trp_form()})
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_the_idempotency_key_header_is_required_and_bounded(portal):
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    for key in (None, "x" * 101, "key\x00one", "key\none"):
        response = apply(portal, body, key=key)
        assert response.status_code == 422
        assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert not Application.objects.exists()


def test_a_replay_returns_the_identical_answer_and_creates_nothing(portal):
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    first = apply(portal, body)
    counts = (Application.objects.count(), AuditEntry.objects.count())
    # Key order does not change the request.
    replay = apply(portal, dict(reversed(list(body.items()))))
    assert replay.status_code == first.status_code == 201
    assert replay.json() == first.json()
    assert (Application.objects.count(), AuditEntry.objects.count()) == counts


def test_the_same_key_with_another_body_is_refused(portal):
    apply(portal, {"service_code": "stay-registration", "form_data": stay_form()})
    response = apply(
        portal, {"service_code": "stay-registration", "form_data": stay_form(address="Other 1")}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Application.objects.count() == 1


def test_a_refusal_is_replayed_too(portal):
    body = {"service_code": "stay-registration", "form_data": stay_form(district="atlantis")}
    first = apply(portal, body)
    assert first.status_code == 422
    replay = apply(portal, body)
    assert (replay.status_code, replay.json()) == (422, first.json())


def test_other_users_keys_are_their_own(portal, applicant_factory):
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    apply(portal, body)
    other = Client()
    other.force_login(applicant_factory())
    assert apply(other, body).status_code == 201
    assert Application.objects.count() == 2


def test_portal_operations_need_a_portal_user(client, staff_user_factory):
    assert client.get(APPLY).status_code == 401
    client.force_login(staff_user_factory())
    assert client.get(APPLY).status_code == 403


def test_after_a_server_error_the_same_key_may_be_retried(portal, monkeypatch):
    from umis.cases import intake
    from umis.cases.models import IdempotencyRecord

    real = intake.application_apply_online
    body = {"service_code": "stay-registration", "form_data": stay_form()}

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(intake, "application_apply_online", broken)
    assert apply(portal, body).status_code == 500
    assert not IdempotencyRecord.objects.exists()
    monkeypatch.setattr(intake, "application_apply_online", real)
    assert apply(portal, body).status_code == 201
