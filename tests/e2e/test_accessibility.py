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
