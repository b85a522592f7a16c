"""Every page we have passes axe-core with no serious or critical violation, in az, ru, en."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import current_totp_code
from umis.accounts.models import District
from umis.accounts.roles import Role
from umis.people import services as people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["az", "ru", "en"]


def _serious(results) -> list[str]:
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in {"serious", "critical"}:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
            problems.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return problems


def _set_language(page, live_server, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def _sign_in(page, user) -> None:
    page.goto("/office/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "a-long-staff-password-2026")
    page.click("main form.usa-form button[type=submit]")
    page.fill("input[name=code]", current_totp_code(TOTPDevice.objects.get(user=user)))
    page.click("main form.usa-form button[type=submit]")
    page.wait_for_url("**/office/")


@pytest.fixture
def person(db, staff_user_factory):
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_pass_axe(page, live_server, language):
    _set_language(page, live_server, language)
    axe = Axe()
    for path in ["/", "/office/login/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_pages_pass_axe(page, live_server, language, staff_user_factory, person):
    _set_language(page, live_server, language)
    auditor = staff_user_factory(Role.AUDITOR, department="hq", username="auditor-a11y")
    officer = staff_user_factory(Role.CASE_OFFICER, department="khachmaz", username="officer-a11y")
    axe = Axe()

    _sign_in(page, officer)
    for path in [
        "/office/",
        "/office/people/",
        "/office/people/?q=Мамедов",
        f"/office/people/{person.pk}/",
    ]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"

    page.context.clear_cookies()
    _set_language(page, live_server, language)
    _sign_in(page, auditor)
    for path in ["/office/audit/", "/office/audit/?action=person.view"]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"
