"""The office's permit pages and the holder's status page pass axe-core, in az, ru, en."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import LANGUAGES, _serious, _set_language, _sign_in_applicant
from umis.accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_permit_pages_pass_axe(page, live_server, language, staff_user_factory):
    from django.core.management import call_command

    from tests.cases.checks_helpers import confirmed_applicant
    from tests.permits.conftest import issue

    _set_language(page, live_server, language)
    # The flush between live-server tests empties the policy table: issue needs it.
    call_command("load_policies", verbosity=0)
    staff = {
        "reception": staff_user_factory(Role.RECEPTION_OFFICER, with_device=False),
        "case": staff_user_factory(Role.CASE_OFFICER, with_device=False),
        "head": staff_user_factory(Role.APPROVING_OFFICER, username="head-a11y"),
    }
    applicant = confirmed_applicant("holder-a11y")
    permit = issue(applicant, staff)
    axe = Axe()

    def check(label: str) -> None:
        problems = _serious(axe.run(page))
        assert problems == [], f"{label} [{language}]: {problems}"

    sign_in(page, staff["head"])
    for path in [
        "/office/permits/",
        "/office/permits/?name=Rezaei&status=active",
        f"/office/permits/{permit.number}/",
        f"/office/permits/{permit.number}/revoke/",
    ]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        check(path)
    page.click("main form.usa-form button[type=submit]")  # no reason, no confirmation
    page.wait_for_selector("#error-summary")
    check("revoke with errors")

    page.context.clear_cookies()
    _set_language(page, live_server, language)
    _sign_in_applicant(page, live_server, applicant)
    page.goto(f"/applications/{permit.application.number}/")
    check("the holder's status page with the permit")
