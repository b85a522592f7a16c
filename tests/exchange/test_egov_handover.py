"""The e-government portal hands applications over: validated by the service's own schema,
created and submitted as the applicant's, answered with a signed receipt, exactly once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from tests.eservices.form_data import trp_issue_data
from tests.exchange.pushes import signed_push
from umis.accounts.models import PortalIdentity, User
from umis.accounts.roles import Role
from umis.cases.models import Application
from umis.exchange.envelope import ResponseEnvelope, verifies
from umis.exchange.log_verify import exchange_log_verify
from umis.exchange.members import own_keyring
from umis.exchange.models import EgovHandover, ExchangeMessage, MessageOutcome
from umis.exchange.simulators.egov_handover import hand_over, handover_message

pytestmark = pytest.mark.django_db

URL = "/api/v1/exchange/egov/applications"
ISSUER = "https://portal.example/oidc"
PERSON = {
    "subject": "sub-7f3a",
    "given_names": "Mohammad Reza",
    "surname": "Rezaei",
    "email": "m.rezaei@example.org",
    "email_verified": True,
    "birth_date": "1988-04-17",
    "nationality": "IRN",
    "document_number": "P12345611",
}


@pytest.fixture(autouse=True)
def _portal_issuer(settings):
    settings.UMIS_EGOV_OIDC_ISSUER = ISSUER


def send(form=None, *, applicant=None, service="trp-issue", message_id=None):
    message = handover_message(
        service_code=service,
        applicant=applicant or PERSON,
        form_data=form if form is not None else trp_issue_data(document_number="P12345611"),
        message_id=message_id,
    )
    return message, hand_over(message)


def test_a_handed_over_form_becomes_the_applicant_s_submitted_application():
    message, receipt = send()

    assert receipt.status == 201 and receipt.signed_by_umis
    number = receipt.data["application_number"]
    assert receipt.data["receipt"] == "received" and receipt.data["service_code"] == "trp-issue"
    application = Application.objects.get(number=number)
    assert application.status == "submitted" and "checks_pending" in application.flags
    assert application.form_data["document_number"] == "P12345611"
    assert application.place_of_stay_district.code == "gusar"
    # The account the portal's person gets, linked to the portal's subject:
    applicant = application.applicant
    assert (applicant.role, applicant.email, applicant.last_name) == (
        Role.APPLICANT,
        "m.rezaei@example.org",
        "Rezaei",
    )
    assert applicant.email_confirmed_at is not None and not applicant.has_usable_password()
    assert PortalIdentity.objects.get(user=applicant).subject == "sub-7f3a"
    entry = ExchangeMessage.objects.get(inbound=True)
    assert (entry.system, entry.operation, entry.outcome) == ("egov", "applications", "ok")
    assert str(entry.message_id) == message.message_id
    assert entry.request_summary == {"service_code": "trp-issue", "application": number}


def test_a_person_linked_already_applies_under_their_own_account():
    user = User.objects.create_user(
        username="rezaei", email="other@example.org", role=Role.APPLICANT
    )
    user.email_confirmed_at = user.date_joined
    user.save()
    PortalIdentity.objects.create(user=user, issuer=ISSUER, subject="sub-7f3a")

    _message, receipt = send()

    assert receipt.status == 201
    assert Application.objects.get().applicant == user
    assert User.objects.count() == 1


def test_the_same_message_again_gets_the_same_receipt_and_no_second_application():
    message, first = send()
    again = hand_over(message)

    assert again.status == 201 and again.signed_by_umis
    assert again.data == first.data
    assert Application.objects.count() == 1 and EgovHandover.objects.count() == 1
    replay = ExchangeMessage.objects.filter(inbound=True).order_by("id").last()
    assert (replay.outcome, replay.rejection_reason) == (MessageOutcome.REJECTED, "replayed")


def test_the_same_message_id_with_another_body_is_refused():
    message, _first = send()
    _other, refused = send(
        trp_issue_data(document_number="P12345611", period="6m"), message_id=message.message_id
    )

    assert refused.status == 409 and refused.data["error"]["code"] == "replayed"
    assert Application.objects.count() == 1


def test_a_form_that_does_not_pass_is_answered_with_field_errors_and_nothing_kept():
    form = trp_issue_data(document_number="P12345611", district="atlantis")
    del form["birth_date"]
    _message, receipt = send(form)

    assert receipt.status == 422 and receipt.signed_by_umis
    fields = receipt.data["error"]["fields"]
    assert set(fields) == {"form_data.birth_date", "form_data.district"}
    assert "Date of birth" in fields["form_data.birth_date"]
    assert not Application.objects.exists()
    assert not User.objects.exists()  # no account for a refused hand-over either
    entry = ExchangeMessage.objects.get(inbound=True)
    assert entry.outcome == MessageOutcome.REFUSED and entry.http_status == 422
    assert entry.error == "validation_error: form_data.birth_date, form_data.district"
    assert "atlantis" not in str(entry.request_summary) + entry.error


def test_an_unknown_service_is_answered_with_the_field_at_fault():
    _message, receipt = send(service="no-such-service")

    assert receipt.status == 422
    assert set(receipt.data["error"]["fields"]) == {"service_code"}


def test_an_unlinked_account_with_the_same_e_mail_is_never_taken_over():
    User.objects.create_user(username="m.rezaei@example.org", email="m.rezaei@example.org")

    _message, receipt = send()

    assert receipt.status == 409
    assert receipt.data["error"]["code"] == "account_link_needed"
    assert not Application.objects.exists() and not PortalIdentity.objects.exists()


def test_an_e_mail_the_portal_did_not_verify_cannot_submit():
    _message, receipt = send(applicant={**PERSON, "email_verified": False})

    assert receipt.status == 403
    assert receipt.data["error"]["code"] == "email_not_confirmed"
    assert not Application.objects.exists() and not User.objects.exists()


def test_staff_accounts_never_get_a_handed_over_application(staff_user_factory):
    officer = staff_user_factory(Role.CASE_OFFICER)
    PortalIdentity.objects.create(user=officer, issuer=ISSUER, subject="sub-7f3a")

    _message, receipt = send()

    assert receipt.status == 403
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"service_code": "trp-issue", "form_data": {}},
        {"service_code": "trp-issue", "applicant": {**PERSON, "email": "nope"}, "form_data": {}},
        {"service_code": "trp-issue", "applicant": PERSON, "form_data": [], "extra": 1},
    ],
)
def test_a_body_off_the_schema_is_refused_before_anything_is_read(body):
    response = signed_push(URL, body, system="egov", operation="applications")

    assert response.status_code == 422 and response.json()["error"]["code"] == "schema"
    assert not Application.objects.exists() and not User.objects.exists()


def test_only_the_portal_may_hand_over():
    body = {"service_code": "trp-issue", "applicant": PERSON, "form_data": {}}
    response = signed_push(URL, body, system="health", operation="applications")

    assert response.status_code == 401 and response.json()["error"]["code"] == "wrong_sender"
    headers = {k.lower(): v for k, v in response.headers.items()}
    envelope, signature = ResponseEnvelope.from_headers(headers, status=401, body=response.content)
    assert verifies(own_keyring().verifying[envelope.key_id], envelope.canonical(), signature)


def test_no_envelope_no_application():
    body = {"service_code": "trp-issue", "applicant": PERSON, "form_data": trp_issue_data()}
    response = Client().post(URL, body, content_type="application/json")

    assert response.status_code == 400
    assert not Application.objects.exists()


def test_the_command_hands_over_for_the_demo_and_every_message_verifies(capsys):
    call_command("egov_handover", "--subject", "sub-cmd-1", "--twice")
    out = capsys.readouterr().out

    number = Application.objects.get().number
    assert out.count(number) == 2 and out.count("HTTP 201") == 2
    assert "signed by UMIS" in out
    call_command(
        "egov_handover",
        "--subject",
        "sub-cmd-2",
        "--email",
        "x@example.org",
        "--set",
        "district=atlantis",
    )
    assert "form_data.district" in capsys.readouterr().out
    assert Application.objects.count() == 1
    assert exchange_log_verify().ok
