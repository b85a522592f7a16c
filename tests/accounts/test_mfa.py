"""Staff sign-in, step two: the one-time code, its throttling, and what stays closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import STAFF_PASSWORD
from umis.accounts.roles import Role

pytestmark = pytest.mark.django_db

LOGIN = "/office/login/"
VERIFY = "/office/login/verify/"


@pytest.fixture
def half_signed_in(client, staff_user):
    """A client past the password step, not yet past the code step."""
    response = client.post(LOGIN, {"username": staff_user.username, "password": STAFF_PASSWORD})
    assert response["Location"] == VERIFY
    return client


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user)


def _wrong_code(device: TOTPDevice, totp_code) -> str:
    right = totp_code(device)
    return "000000" if right != "000000" else "111111"


def _let_throttle_pass(device: TOTPDevice) -> None:
    """Move the last failure into the past, as if the user waited out the delay."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def test_wrong_code_is_refused_with_a_message_beside_the_field(
    half_signed_in, staff_user, totp_code
):
    device = _device(staff_user)
    response = half_signed_in.post(VERIFY, {"code": _wrong_code(device, totp_code)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "That code is not correct" in html
    assert 'href="#id_code"' in html and 'id="id_code_error"' in html
    assert half_signed_in.get("/office/")["Location"].startswith(VERIFY)


def test_code_must_be_six_digits(half_signed_in):
    html = half_signed_in.post(VERIFY, {"code": "12ab"}).content.decode()
    assert "Enter the code as 6 digits" in html
    html = half_signed_in.post(VERIFY, {"code": ""}).content.decode()
    assert "Enter the 6-digit code from your authenticator app." in html


def test_spaces_inside_the_code_are_forgiven(half_signed_in, staff_user, totp_code):
    code = totp_code(_device(staff_user))
    response = half_signed_in.post(VERIFY, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302
    assert half_signed_in.get("/office/").status_code == 200


def test_after_a_wrong_code_the_next_try_must_wait(half_signed_in, staff_user, totp_code):
    device = _device(staff_user)
    half_signed_in.post(VERIFY, {"code": _wrong_code(device, totp_code)})
    # Even the right code is not checked during the delay: guessing cannot go fast.
    html = half_signed_in.post(VERIFY, {"code": totp_code(device)}).content.decode()
    assert "Too many wrong codes. Wait" in html
    assert half_signed_in.get("/office/")["Location"].startswith(VERIFY)

    _let_throttle_pass(device)
    assert half_signed_in.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    assert half_signed_in.get("/office/").status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_too_many_wrong_codes_start_the_sign_in_again(half_signed_in, staff_user, totp_code):
    device = _device(staff_user)
    for attempt in range(1, 6):
        _let_throttle_pass(device)
        response = half_signed_in.post(VERIFY, {"code": _wrong_code(device, totp_code)})
        if attempt < 5:
            assert response.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in half_signed_in.session
    html = half_signed_in.get(LOGIN).content.decode()
    assert "Too many wrong codes" in html
    # The throttle lives on the device, so signing in again does not reset it.
    device.refresh_from_db()
    assert device.throttling_failure_count == 5


def test_a_code_cannot_be_used_twice(client, staff_user, totp_code):
    device = _device(staff_user)
    code = totp_code(device)
    client.post(LOGIN, {"username": staff_user.username, "password": STAFF_PASSWORD})
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/office/logout/")
    client.post(LOGIN, {"username": staff_user.username, "password": STAFF_PASSWORD})
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "That code is not correct" in response.content.decode()


def test_verify_step_without_the_password_step_goes_back_to_sign_in(client):
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"] == LOGIN


def test_unverified_session_cannot_open_office_pages(half_signed_in):
    for path in ("/office/", "/office/people/", "/office/audit/"):
        response = half_signed_in.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path


def test_unverified_session_cannot_call_the_office_api(half_signed_in):
    response = half_signed_in.get("/api/v1/office/people/")
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "second_factor_required",
            "message": "Confirm your sign-in with a one-time code.",
            "fields": {},
        }
    }


def test_anonymous_office_api_call_gets_401_in_the_error_shape(client):
    response = client.get("/api/v1/office/people/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_verified_session_can_call_the_office_api(verified_client, staff_user):
    response = verified_client(staff_user).get("/api/v1/office/people/", {"q": "Aliyev"})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


def test_unverified_administrator_is_refused_by_the_admin_site(client, staff_user_factory):
    admin = staff_user_factory(Role.ADMINISTRATOR, department="hq", is_staff=True)
    client.post(LOGIN, {"username": admin.username, "password": STAFF_PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_verified_administrator_opens_the_admin_site(verified_client, staff_user_factory):
    admin = staff_user_factory(Role.ADMINISTRATOR, department="hq", is_staff=True)
    assert verified_client(admin).get("/admin/").status_code == 200


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_code_page_is_well_formed_in_every_language(half_signed_in, language):
    from tests.portal.a11y import accessibility_problems

    half_signed_in.cookies["django_language"] = language
    for response in (half_signed_in.get(VERIFY), half_signed_in.post(VERIFY, {"code": "x"})):
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert accessibility_problems(html) == []
