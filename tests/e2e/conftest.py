"""Browser tests: Debian's Chromium driven by Playwright against a live test server.

Locally they are skipped when no Chromium is installed; in CI (``CI`` set) a missing
browser is a failure, so the suite can never pass by silently skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous calls, so Django's async guard is lifted.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    return (
        os.environ.get("UMIS_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(autouse=True)
def reference_data(reference_data_reloaded) -> None:
    """Live-server tests run outside a rolled-back transaction, and the flush between such
    tests empties the tables the data migrations filled: the organisation and the policy
    values (the duplicate look-up of every person created needs its thresholds) are loaded
    again (``tests/conftest.py``)."""


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = _chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required for the browser tests in CI")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def person(staff_user_factory):
    """A Russian national staying in Gusar (Khachmaz regional department)."""
    from umis.accounts.models import District
    from umis.accounts.roles import Role
    from umis.people import services as people

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


def sign_in(page, user) -> None:
    """Sign in through the real pages: password, then the authenticator's current code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import STAFF_PASSWORD, current_totp_code

    page.goto("/office/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.click("main form.usa-form button[type=submit]")
    # Signed in with the password only: the office is still closed until the code.
    page.wait_for_url("**/office/login/verify/**")
    page.fill("input[name=code]", current_totp_code(TOTPDevice.objects.get(user=user)))
    page.click("main form.usa-form button[type=submit]")
    page.wait_for_url("**/office/")
