"""Every page we have passes axe-core with no serious or critical violation, in az, ru, en."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import sign_in
from umis.accounts.roles import Role

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

    sign_in(page, officer)
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
    sign_in(page, auditor)
    for path in ["/office/audit/", "/office/audit/?action=person.view"]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"


def _sign_in_applicant(page, live_server, user) -> None:
    """The portal's own sign-in is another page's business: reuse a test session."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_documents_page_passes_axe(page, live_server, language, staff_user_factory, tmp_path):
    from django.core.management import call_command

    from umis.accounts.models import District, User
    from umis.cases.services import application_create_draft, application_flag_set
    from umis.cases.services import application_transition as move

    _set_language(page, live_server, language)
    # The flush between live-server tests empties the policy table too: the deadline
    # set at acceptance needs it.
    call_command("load_policies", verbosity=0)
    applicant = User.objects.create_user(
        username="applicant-a11y", password="x", role=Role.APPLICANT
    )
    reception = staff_user_factory(Role.RECEPTION_OFFICER, with_device=False)
    officer = staff_user_factory(Role.CASE_OFFICER, with_device=False)
    application = application_create_draft(
        applicant=applicant,
        service_code="trp-issue",
        form_data={"fee_tier": "standard"},
        place_of_stay_district=District.objects.get(code="gusar"),
    )
    for name, actor in [("submit", applicant), ("accept", reception), ("start_review", officer)]:
        application = move(application=application, transition=name, actor=actor)
    application_flag_set(
        application=application, flag="documents_requested", actor=officer, reason="Lease."
    )
    _sign_in_applicant(page, live_server, applicant)
    axe = Axe()
    path = f"/applications/{application.number}/documents/"
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    problems = _serious(axe.run(page))
    assert problems == [], f"{path} [{language}]: {problems}"

    # A refused file: the error summary and the message beside the field.
    impostor = tmp_path / "passport.pdf"
    impostor.write_bytes(b"<!DOCTYPE html><html><body>not a scan</body></html>")
    page.set_input_files("#id_passport-file", str(impostor))
    page.click("form:has(#id_passport-file) button[type=submit]")
    page.wait_for_selector("#id_passport-file_error")
    problems = _serious(axe.run(page))
    assert problems == [], f"{path} with an error [{language}]: {problems}"
