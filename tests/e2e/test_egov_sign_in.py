"""The ASAN Login button in a browser: to the portal's simulator and back, signed in.

The server's back channel (discovery, keys, token, userinfo) goes over real HTTP to the
live server's simulator, as in the demo.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import _serious
from umis.accounts.models import PortalIdentity

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_button_signs_a_new_applicant_in(page, live_server, settings):
    settings.UMIS_EGOV_OIDC_TRANSPORT = "http"
    from umis.people.demo import generate_demo_persons

    person = next(
        p for p in generate_demo_persons(count=3, seed=2026, districts=None) if p.birth_day
    )

    page.goto("/account/sign-in/")
    page.click("text=Sign in with the e-government portal (ASAN Login)")
    page.wait_for_url("**/simulators/egov/oidc/authorize?**")
    assert _serious(Axe().run(page)) == []
    page.click("label[for=id_person_0]")
    page.click("button[name=allow]")
    page.wait_for_url("**/applications/")

    assert f"{person.given_names_latin} {person.surname_latin}" in page.inner_text("header")
    assert PortalIdentity.objects.get().user.first_name == person.given_names_latin
