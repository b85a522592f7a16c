"""Portal accounts: sign up, the confirmation e-mail and its link, sign in and out."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django_tasks_db.models import DBTaskResult

from tests.portal.conftest import PASSWORD
from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.portal.tasks import send_account_email

pytestmark = pytest.mark.django_db

SIGN_UP = "/account/sign-up/"
SIGN_IN = "/account/sign-in/"
TASK_PATH = "umis.portal.tasks.send_account_email"


def run_queued_mail():
    """What the worker does: run each queued account e-mail once."""
    for row in DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("enqueued_at"):
        send_account_email.call(*row.args_kwargs["args"])
        row.delete()


def sign_up_data(**changes):
    data = {
        "first_name": "Mohammad",
        "last_name": "Rezaei",
        "email": "Mohammad.Rezaei@Example.org",
        "role": "applicant",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def link_in(message) -> str:
    return re.search(r"https?://\S+/account/confirm/\S+/", message.body).group(0)


def test_sign_up_mail_link_then_sign_in(client):
    client.cookies["django_language"] = "ru"
    response = client.post(SIGN_UP, sign_up_data())
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-up/done/"
    user = User.objects.get(email="mohammad.rezaei@example.org")
    assert user.role == Role.APPLICANT and user.email_confirmed_at is None
    assert user.preferred_language == "ru"
    assert "_auth_user_id" not in client.session
    assert mail.outbox == []  # the e-mail leaves through the task worker

    run_queued_mail()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mohammad.rezaei@example.org"]
    assert message.subject == "Подтвердите адрес электронной почты"  # in the user's language

    link = link_in(message)
    page = client.get(link.split("testserver", 1)[1])
    assert page.status_code == 200
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    assert AuditEntry.objects.filter(action="account.email_confirm").count() == 1

    response = client.post(SIGN_IN, {"email": "MOHAMMAD.REZAEI@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/applications/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_errors_are_beside_the_fields_and_input_is_kept(client):
    data = sign_up_data(email="not-an-address", password2="something-else", role="")
    html = client.post(SIGN_UP, data).content.decode()
    assert "There is a problem" in html
    assert html.count("Enter an e-mail address like name@example.com.") == 2
    assert html.count("The two passwords are not the same.") == 2
    assert html.count("Choose how you will use this account.") == 2
    assert 'value="Rezaei"' in html and 'value="not-an-address"' in html
    assert PASSWORD not in html  # passwords are never sent back
    assert not User.objects.exists()


def test_weak_password_is_refused_by_djangos_validators(client):
    html = client.post(SIGN_UP, sign_up_data(password1="12345678", password2="12345678"))
    html = html.content.decode()
    assert "This password is entirely numeric." in html
    assert not User.objects.exists()


def test_a_known_address_gets_the_same_page_and_a_note_instead(client, applicant):
    response = client.post(SIGN_UP, sign_up_data(email=applicant.email.upper()))
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-up/done/"
    assert User.objects.count() == 1
    run_queued_mail()
    assert [m.subject for m in mail.outbox] == ["You already have an account"]


def test_host_signs_up_as_host(client):
    client.post(SIGN_UP, sign_up_data(role="host"))
    assert User.objects.get().role == Role.HOST


def test_staff_role_cannot_be_chosen(client):
    client.post(SIGN_UP, sign_up_data(role="hq_officer"))
    assert not User.objects.exists()


def test_tampered_expired_or_outdated_links_do_not_confirm(client, portal_user_factory, settings):
    from umis.portal.accounts_services import confirmation_token

    user = portal_user_factory(confirmed=False)
    token = confirmation_token(user)
    assert client.get(f"/account/confirm/{token}x/").status_code == 400
    settings.UMIS_EMAIL_CONFIRM_SECONDS = -1
    assert client.get(f"/account/confirm/{token}/").status_code == 400
    settings.UMIS_EMAIL_CONFIRM_SECONDS = 3600
    user.email = "new@example.org"
    user.save()
    assert client.get(f"/account/confirm/{token}/").status_code == 400
    user.refresh_from_db()
    assert user.email_confirmed_at is None
    forged = signing.dumps({"u": user.pk, "e": user.email}, salt="another-salt")
    assert client.get(f"/account/confirm/{forged}/").status_code == 400


def test_unconfirmed_user_signs_in_sees_why_and_can_ask_again(client, portal_user_factory):
    user = portal_user_factory(confirmed=False)
    response = client.post(SIGN_IN, {"email": user.email, "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert "Confirm your e-mail address with the link we sent you" in html
    assert "Send the link again" in html
    response = client.post("/account/confirm-again/", {"next": "/services/"})
    assert response["Location"] == "/services/"
    run_queued_mail()
    assert len(mail.outbox) == 1 and "/account/confirm/" in mail.outbox[0].body


def test_wrong_password_and_unknown_address_get_one_message(client, applicant):
    wrong = client.post(SIGN_IN, {"email": applicant.email, "password": "nope"}).content.decode()
    unknown = client.post(SIGN_IN, {"email": "who@example.org", "password": "nope"})
    message = "The e-mail address or password is not correct."
    assert message in wrong and message in unknown.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_are_sent_to_the_office_sign_in(client, staff_user_factory):
    from tests.conftest import STAFF_PASSWORD

    officer = staff_user_factory(email="officer@example.org")
    response = client.post(SIGN_IN, {"email": officer.email, "password": STAFF_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/office/login/"
    assert "_auth_user_id" not in client.session


def test_portal_lockout_after_repeated_failures(client, applicant):
    for _ in range(5):
        response = client.post(SIGN_IN, {"email": applicant.email, "password": "wrong"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Account locked for now" in html
    assert "staff sign-in" not in html.lower().split("<footer")[0]  # the portal's own page
    # Even the right password is refused while locked.
    response = client.post(SIGN_IN, {"email": applicant.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post(signed_in, applicant):
    client = signed_in(applicant)
    assert client.get("/account/sign-out/").status_code == 405
    response = client.post("/account/sign-out/")
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_a_weak_password_is_refused_whether_or_not_the_address_is_known(client, applicant):
    weak = {"password1": "12345678", "password2": "12345678"}
    known = client.post(SIGN_UP, sign_up_data(email=applicant.email, **weak))
    unknown = client.post(SIGN_UP, sign_up_data(email="new@example.org", **weak))
    assert known.status_code == unknown.status_code == 200
    assert "This password is entirely numeric." in known.content.decode()
    run_queued_mail()
    assert mail.outbox == []
