"""The office's keyboard shortcuts move the focus to a decision; Enter takes it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.e2e.conftest import sign_in
from umis.accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_letter_moves_to_the_action_and_enter_takes_it(page, staff_user_factory):
    from tests.cases.office_helpers import submit
    from umis.accounts.models import User
    from umis.cases.models import Application

    call_command("load_policies", stdout=StringIO())
    applicant = User.objects.create_user(
        username="applicant-keys", password="x", role="applicant", email_confirmed_at=timezone.now()
    )
    reception = staff_user_factory(Role.RECEPTION_OFFICER, username="reception-keys")
    application = submit(applicant)
    sign_in(page, reception)
    page.goto(f"/office/applications/{application.number}/")

    page.keyboard.press("a")
    assert page.evaluate("document.activeElement.dataset.shortcut") == "a"
    # "r" (return) asks for a reason: the focus goes to the field, not the button.
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.name") == "return-reason"
    # Typing in the field is typing, not a shortcut; Escape leaves the field.
    page.keyboard.type("a")
    assert page.evaluate("document.activeElement.name") == "return-reason"
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Done" in page.locator(".umis-messages").inner_text()
    assert Application.objects.get(pk=application.pk).status == "accepted"


def test_a_slash_moves_to_the_search_box_of_the_queue(page, staff_user_factory):
    call_command("load_policies", stdout=StringIO())
    reception = staff_user_factory(Role.RECEPTION_OFFICER, username="reception-off")
    sign_in(page, reception)
    page.goto("/office/applications/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"


def test_the_shortcuts_can_be_turned_off(page, staff_user_factory):
    from tests.cases.office_helpers import submit
    from umis.accounts.models import User

    call_command("load_policies", stdout=StringIO())
    applicant = User.objects.create_user(
        username="applicant-off", password="x", role="applicant", email_confirmed_at=timezone.now()
    )
    reception = staff_user_factory(Role.RECEPTION_OFFICER, username="reception-toggle")
    application = submit(applicant)
    sign_in(page, reception)
    page.goto(f"/office/applications/{application.number}/")
    page.click("details summary")
    page.click("[data-shortcuts-toggle]")
    assert page.locator("[data-shortcuts-toggle]").inner_text() == "Turn keyboard shortcuts on"
    page.keyboard.press("a")
    assert page.evaluate("document.activeElement.dataset.shortcut") != "a"
