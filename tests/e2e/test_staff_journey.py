"""A case officer signs in with the second factor, finds a person by a Cyrillic name and
opens the file; the opening is in the audit log. Another region's officer cannot."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user) -> None:
    page.goto("/office/")
    assert "/office/login/" in page.url  # no way in without signing in
    sign_in(page, user)


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
