"""Staff sign-in, step one (username and password), lockout, sign-out and sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import STAFF_PASSWORD
from umis.accounts.roles import Role
from umis.accounts.services import user_deactivate

pytestmark = pytest.mark.django_db

LOGIN = "/office/login/"
VERIFY = "/office/login/verify/"


def _sign_in(client, username, password=STAFF_PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_full_sign_in_with_a_real_code_reaches_the_office(client, staff_user, totp_code):
    response = client.get("/office/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)

    response = _sign_in(client, staff_user.username)
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    # Signed in by password only: the office stays closed until the code is entered.
    assert client.get("/office/")["Location"].startswith(VERIFY)

    device = TOTPDevice.objects.get(user=staff_user)
    response = client.post(VERIFY, {"code": totp_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/office/"

    page = client.get("/office/")
    assert page.status_code == 200
    assert "Leyla Əliyeva" in page.content.decode()


def test_wrong_password_shows_one_generic_error_and_keeps_the_username(client, staff_user):
    response = _sign_in(client, staff_user.username, "not-the-password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The username or password is not correct" in html
    assert f'value="{staff_user.username}"' in html
    assert "not-the-password" not in html  # a password is never sent back
    assert "_auth_user_id" not in client.session


def test_empty_fields_are_named_beside_the_field_and_in_the_summary(client):
    html = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert html.count("Enter your username.") == 2  # summary link and beside the field
    assert html.count("Enter your password.") == 2
    assert 'href="#id_username"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'id="id_username_error"' in html


def test_people_who_are_not_staff_get_the_same_error_as_a_wrong_password(client, django_user_model):
    django_user_model.objects.create_user(
        username="applicant", password=STAFF_PASSWORD, role=Role.APPLICANT
    )
    response = _sign_in(client, "applicant")
    assert response.status_code == 200
    assert "The username or password is not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_without_an_authenticator_cannot_get_in(client, staff_user_factory):
    user = staff_user_factory(with_device=False)
    response = _sign_in(client, user.username)
    assert response.status_code == 200
    assert "Ask an administrator to enrol your authenticator" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/office/").status_code == 302


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(
    client, staff_user, staff_user_factory, settings
):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert _sign_in(client, staff_user.username, "wrong").status_code == 200
    locked = _sign_in(client, staff_user.username, "wrong")
    assert locked.status_code == 429
    assert "Account locked for now" in locked.content.decode()

    again = _sign_in(client, staff_user.username)  # the right password, too late
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session

    # The lock is per account: a colleague in the same office still signs in.
    colleague = staff_user_factory()
    assert _sign_in(client, colleague.username)["Location"] == VERIFY


def test_a_successful_sign_in_clears_earlier_failures(client, staff_user):
    for _ in range(4):
        _sign_in(client, staff_user.username, "wrong")
    assert _sign_in(client, staff_user.username).status_code == 302
    client.post("/office/logout/")
    for _ in range(4):
        assert _sign_in(client, staff_user.username, "wrong").status_code == 200


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/steal", "//evil.example/", "javascript:alert(1)", "/\\evil.example"],
)
def test_next_never_leads_off_site(client, staff_user, totp_code, next_url):
    response = _sign_in(client, staff_user.username, next=next_url)
    assert response["Location"] == VERIFY
    device = TOTPDevice.objects.get(user=staff_user)
    response = client.post(VERIFY, {"code": totp_code(device), "next": next_url})
    assert response["Location"] == "/office/"


def test_next_on_this_site_is_kept_through_both_steps(client, staff_user, totp_code):
    response = client.get("/office/people/?q=Aliyev")
    assert response["Location"] == f"{LOGIN}?next=%2Foffice%2Fpeople%2F%3Fq%3DAliyev"
    response = _sign_in(client, staff_user.username, next="/office/people/?q=Aliyev")
    assert response["Location"] == f"{VERIFY}?next=%2Foffice%2Fpeople%2F%3Fq%3DAliyev"
    device = TOTPDevice.objects.get(user=staff_user)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/office/people/?q=Aliyev"})
    assert response["Location"] == "/office/people/?q=Aliyev"


def test_sign_out_is_post_only_and_ends_the_session(verified_client, staff_user):
    client = verified_client(staff_user)
    assert client.get("/office/logout/").status_code == 405
    assert client.get("/office/").status_code == 200  # a GET changed nothing

    old_key = client.session.session_key
    response = client.post("/office/logout/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.get("/office/")["Location"].startswith(LOGIN)
    assert "You have signed out." in client.get(LOGIN).content.decode()


def test_a_session_idle_longer_than_the_limit_is_signed_out(verified_client, staff_user, settings):
    client = verified_client(staff_user)
    assert settings.SESSION_COOKIE_AGE == 1800
    assert client.get("/office/").status_code == 200

    # Each request pushes the expiry forward by the idle limit...
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert timedelta(seconds=1790) < remaining <= timedelta(seconds=1800)

    # ...so a session whose last request was more than 30 minutes ago has expired.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/office/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_disabled_account_is_treated_as_signed_out_at_once(verified_client, staff_user):
    client = verified_client(staff_user)
    assert client.get("/office/").status_code == 200
    type(staff_user).objects.filter(pk=staff_user.pk).update(is_active=False)
    response = client.get("/office/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_user_deactivate_ends_every_session_of_that_user_only(
    verified_client, staff_user, staff_user_factory
):
    admin = staff_user_factory(Role.ADMINISTRATOR, department="hq")
    first, second = verified_client(staff_user), verified_client(staff_user)
    colleague = verified_client(staff_user_factory())

    user_deactivate(user=staff_user, by=admin, reason="left the Service")

    staff_user.refresh_from_db()
    assert staff_user.is_active is False
    for client in (first, second):
        assert not Session.objects.filter(session_key=client.session.session_key).exists()
        assert client.get("/office/")["Location"].startswith(LOGIN)
    assert colleague.get("/office/").status_code == 200
    # The password no longer opens the office either.
    response = _sign_in(first, staff_user.username)
    assert response.status_code == 200
    assert "The username or password is not correct" in response.content.decode()


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_sign_in_page_with_errors_is_well_formed_in_every_language(client, language):
    from tests.portal.a11y import accessibility_problems

    client.cookies["django_language"] = language
    response = client.post(LOGIN, {"username": "someone", "password": ""})
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'id="error-summary"' in html
    assert accessibility_problems(html) == []


def test_user_deactivate_is_in_the_audit_log_with_who_and_why(staff_user, staff_user_factory):
    from umis.audit.models import AuditEntry

    admin = staff_user_factory(Role.ADMINISTRATOR, department="hq", username="fhuseynov")
    user_deactivate(user=staff_user, by=admin, reason="left the Service")
    entry = AuditEntry.objects.get(action="accounts.user_deactivate")
    assert entry.target_id == str(staff_user.pk)
    assert entry.actor_username == "fhuseynov"
    assert entry.reason == "left the Service"


def test_only_administrators_disable_accounts_and_they_say_why(staff_user, staff_user_factory):
    from umis.core.errors import PermissionDeniedError, ValidationFailed

    with pytest.raises(PermissionDeniedError):
        user_deactivate(user=staff_user, by=staff_user_factory(), reason="no reason")
    admin = staff_user_factory(Role.ADMINISTRATOR, department="hq")
    with pytest.raises(ValidationFailed) as refused:
        user_deactivate(user=staff_user, by=admin, reason="  ")
    assert "reason" in refused.value.fields
    staff_user.refresh_from_db()
    assert staff_user.is_active is True
