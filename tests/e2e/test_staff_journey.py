"""A case officer signs in with the second factor, finds a person by a Cyrillic name and
opens the file; the opening is in the audit log. Another region's officer cannot."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import STAFF_PASSWORD, current_totp_code
from umis.accounts.models import District
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.people import services as people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(staff_user_factory):
    hq = staff_user_factory(Role.HQ_OFFICER, department="hq", username="hq-maker")
    return people.person_create(
        actor=hq,
        surname_latin="Mammadov",
        given_names_latin="Ali",
        surname_native="Мамедов",
        given_names_native="Али",
        birth_date="1985-03-07",
        sex="M",
        nationality="RUS",
        place_of_stay_district=District.objects.get(code="gusar"),
    )


def _sign_in(page, user) -> None:
    page.goto("/office/")
    assert "/office/login/" in page.url  # no way in without signing in
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.click("main form.usa-form button[type=submit]")
    # Signed in with the password only: the office is still closed.
    page.wait_for_url("**/office/login/verify/**")
    page.fill("input[name=code]", current_totp_code(TOTPDevice.objects.get(user=user)))
    page.click("main form.usa-form button[type=submit]")
    page.wait_for_url("**/office/")


def test_officer_finds_and_opens_a_person_and_the_read_is_audited(page, staff_user_factory, person):
    officer = staff_user_factory(Role.CASE_OFFICER, department="khachmaz", username="leyla")
    _sign_in(page, officer)

    page.goto("/office/people/")
    page.fill("input[name=q]", "Мамедов")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Mammadov", exact=False).first.click()
    page.wait_for_url(f"**/office/people/{person.pk}/")
    assert "Mammadov" in page.locator("h1").inner_text()

    assert AuditEntry.objects.filter(
        action="person.view", actor_username="leyla", target_id=str(person.pk)
    ).exists()


def test_officer_of_another_region_gets_not_found(page, staff_user_factory, person):
    officer = staff_user_factory(Role.CASE_OFFICER, department="ganja", username="tural")
    _sign_in(page, officer)

    page.goto("/office/people/?q=Mammadov")
    assert page.get_by_role("link", name="Mammadov", exact=False).count() == 0
    response = page.goto(f"/office/people/{person.pk}/")
    assert response.status == 404
