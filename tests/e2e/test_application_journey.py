"""The whole engine in a browser: a foreigner registers their stay and the Service confirms
it by itself; they apply for a temporary residence permit, a case officer reviews and
proposes approval, and the head of department approves it (four eyes).

The state systems are reached over real HTTP: the worker's client calls the simulators of
the live server, as in the demo.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.e2e.conftest import sign_in
from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.cases.models import Application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough password 2026"
NUMBER = re.compile(r"UMIS-\d{4}-[0-9A-Z]{8}")


@pytest.fixture
def over_http(settings, live_server):
    settings.UMIS_EXCHANGE_TRANSPORT = "http"
    settings.UMIS_EXCHANGE_BASE_URL = f"{live_server.url}/simulators/"
    call_command("load_policies", verbosity=0)  # the flush between live tests emptied them


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def portal_sign_in(page, user: User) -> None:
    page.goto("/account/sign-in/")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form.usa-form button[type=submit]")
    page.wait_for_url("**/applications/")


def answer_this_page(page, answers: dict[str, str]) -> None:
    """Answer the questions this page asks, whatever the service's steps are."""
    for name, value in answers.items():
        if value in ("", None):
            continue
        radios = page.locator(f"input[type=radio][name={name}]")
        if radios.count():
            option_id = page.locator(
                f'input[type=radio][name={name}][value="{value}"]'
            ).get_attribute("id")
            page.click(f"label[for={option_id}]")
            continue
        select = page.locator(f"select[name={name}]")
        if select.count():
            select.select_option(value.upper() if name == "nationality" else value)
            continue
        field = page.locator(f"input[name={name}]")
        if field.count():
            field.fill(value)


def apply_through_the_pages(page, service: str, answers: dict[str, str]) -> str:
    page.goto("/services/")
    page.locator(f"a[href='/apply/{service}/']").click()
    page.get_by_role("button", name="Start now").click()
    for _page_number in range(10):
        page.wait_for_load_state()
        if "/check/" in page.url:
            break
        answer_this_page(page, answers)
        page.get_by_role("button", name="Save and continue").click()
    assert "/check/" in page.url, page.locator(".usa-error-message").all_inner_texts()
    page.get_by_role("button", name="Send the application").click()
    page.wait_for_url("**/sent/")
    number = NUMBER.search(page.locator("main").inner_text()).group(0)
    assert page.locator("#access-code").inner_text().strip()  # shown once, to write down
    return number


def another_browser(browser, live_server):
    """A second person at another computer: their own cookies, their own session."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(15_000)
    return context, other


def act(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=False).first.click()


def test_a_stay_is_confirmed_at_once_and_a_permit_is_approved_by_two_officers(
    page, browser, live_server, over_http, staff_user_factory
):
    foreigner = User.objects.create_user(
        username="reza",
        email="reza@example.org",
        password=PASSWORD,
        role=Role.APPLICANT,
        preferred_language="en",
        email_confirmed_at=timezone.now(),
    )
    portal_sign_in(page, foreigner)

    # 1. Registration at the place of stay: checks pass, the Service confirms by itself.
    stay_number = apply_through_the_pages(page, "stay-registration", stay_registration_data())
    run_worker()
    page.goto(f"/applications/{stay_number}/")
    assert "Issued" in page.locator("main").inner_text()
    page.goto(f"/applications/{stay_number}/confirmation/")
    assert "Heydar Aliyev avenue 12" in page.locator("main").inner_text()

    # 2. Temporary residence permit: full review.
    trp_number = apply_through_the_pages(page, "trp-issue", trp_issue_data())
    run_worker()
    assert Application.objects.get(number=trp_number).status == "submitted"

    officer = staff_user_factory(Role.CASE_OFFICER, department="khachmaz", username="leyla")
    officer_context, office = another_browser(browser, live_server)
    sign_in(office, officer)
    office.goto("/office/applications/")
    office.get_by_role("link", name=trp_number).click()
    office.wait_for_url(f"**/office/applications/{trp_number}/")
    act(office, "Accept")
    due = Application.objects.get(number=trp_number).due_date
    assert due is not None and str(due.year) in office.locator("main").inner_text()
    act(office, "Start review")
    act(office, "Propose approval")
    # The proposer cannot approve it: the panel offers no approval to them.
    assert office.get_by_role("button", name="Approve").count() == 0
    officer_context.close()

    head_context, head_page = another_browser(browser, live_server)
    head = staff_user_factory(Role.APPROVING_OFFICER, department="khachmaz", username="rauf")
    sign_in(head_page, head)
    head_page.goto(f"/office/applications/{trp_number}/")
    act(head_page, "Approve")
    head_context.close()

    application = Application.objects.get(number=trp_number)
    assert application.status == "approved"
    assert application.proposed_by == officer
    assert list(application.events.values_list("transition", flat=True))[-1] == "approve"

    page.goto(f"/applications/{trp_number}/")
    assert "Approved" in page.locator("main").inner_text()
