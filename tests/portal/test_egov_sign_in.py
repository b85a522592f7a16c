"""Signing in with the e-government portal (OpenID Connect): the whole round through the
portal's simulator, linking an existing account, and every way it must refuse."""

from __future__ import annotations

import pytest
from axes.models import AccessLog
from django.test import Client

from tests.portal.conftest import PASSWORD
from tests.portal.egov_flow import (
    SIGN_IN,
    choose,
    come_back,
    path_of,
    query_of,
    sign_in_as,
    signed_in_user_id,
    start,
)
from umis.accounts.models import Department, PortalIdentity, User
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.exchange.simulators.egov_people import DEMO_ACCOUNT_IDENTITIES, portal_people
from umis.people.demo import generate_demo_persons

pytestmark = pytest.mark.django_db

APPLICANT_IDENTITY, OFFICER_IDENTITY = DEMO_ACCOUNT_IDENTITIES


@pytest.fixture
def registry_person():
    """A person of the demo's synthetic population, as seed_demo makes them."""
    persons = generate_demo_persons(count=3, seed=2026, districts=None)
    return next(p for p in persons if p.birth_day)


def page_text(response) -> str:
    return response.content.decode()


def test_the_sign_in_page_offers_the_portal():
    response = Client().get(SIGN_IN)
    assert "Sign in with the e-government portal (ASAN Login)" in page_text(response)
    assert 'href="/account/sign-in/egov/?next=/applications/"' in page_text(response)


def test_a_new_applicant_gets_an_account_from_the_portals_claims(client, registry_person):
    key = f"p{registry_person.pk}"
    assert key in [p.key for p in portal_people()]

    response = sign_in_as(client, key, next_url="/services/")

    assert response.status_code == 302 and response["Location"] == "/services/"
    user = User.objects.get(pk=signed_in_user_id(client))
    assert user.role == Role.APPLICANT
    assert (user.first_name, user.last_name) == (
        registry_person.given_names_latin,
        registry_person.surname_latin,
    )
    assert user.email.endswith("@asan.demo.umis.example")
    assert user.email_confirmed_at is not None  # the portal vouches for the address
    assert not user.has_usable_password()
    identity = PortalIdentity.objects.get(user=user)
    document = registry_person.documents.get(is_primary=True)
    assert identity.birth_date == registry_person.birth_date.earliest()
    assert identity.document_number == document.number
    assert identity.document_issuing_state == document.issuing_state
    assert identity.fin == (registry_person.fin or "")
    assert identity.nationality == registry_person.nationality
    actions = list(
        AuditEntry.objects.filter(target_id=str(user.pk)).values_list("action", "details")
    )
    assert ("account.sign_up", {"role": "applicant", "method": "egov"}) in actions
    assert ("account.sign_in", {"method": "egov"}) in actions
    # The sign-in is in django-axes' access log too, as a password sign-in is.
    assert AccessLog.objects.filter(username=user.username).exists()

    # Next time the same portal identity finds the same account, whatever else changed.
    again = Client()
    assert sign_in_as(again, key).status_code == 302
    assert signed_in_user_id(again) == str(user.pk)
    assert User.objects.filter(email=user.email).count() == 1
    assert AuditEntry.objects.filter(action="account.sign_in", target_id=str(user.pk)).count() == 2


def test_an_existing_account_is_linked_only_with_its_password(client, portal_user_factory):
    existing = portal_user_factory(email=APPLICANT_IDENTITY.email, confirmed=False)

    response = sign_in_as(client, APPLICANT_IDENTITY.key)

    assert response["Location"] == "/account/sign-in/egov/link/"
    assert signed_in_user_id(client) is None  # the portal's word alone is not enough
    page = client.get("/account/sign-in/egov/link/")
    assert APPLICANT_IDENTITY.email in page_text(page)

    wrong = client.post("/account/sign-in/egov/link/", {"password": "not-the-password"})
    assert wrong.status_code == 200
    assert "The password is not correct." in page_text(wrong)
    assert signed_in_user_id(client) is None
    assert not PortalIdentity.objects.exists()

    right = client.post("/account/sign-in/egov/link/", {"password": PASSWORD})
    assert right.status_code == 302
    assert signed_in_user_id(client) == str(existing.pk)
    assert PortalIdentity.objects.get().user == existing
    existing.refresh_from_db()
    assert existing.email_confirmed_at is not None
    assert AuditEntry.objects.filter(
        action="account.portal_identity_link", target_id=str(existing.pk)
    ).exists()

    # Linked: the portal alone signs them in now, into the same account.
    other = Client()
    assert sign_in_as(other, APPLICANT_IDENTITY.key)["Location"] == "/applications/"
    assert signed_in_user_id(other) == str(existing.pk)


def test_guessing_the_password_to_link_locks_the_account(client, portal_user_factory, settings):
    portal_user_factory(email=APPLICANT_IDENTITY.email)
    sign_in_as(client, APPLICANT_IDENTITY.key)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/account/sign-in/egov/link/", {"password": "guess"}).status_code == 200
    locked = client.post("/account/sign-in/egov/link/", {"password": "guess"})
    assert locked.status_code == 429
    # Locked means locked: not even the right password links it now.
    sign_in_as(client, APPLICANT_IDENTITY.key)
    assert client.post("/account/sign-in/egov/link/", {"password": PASSWORD}).status_code == 429
    assert not PortalIdentity.objects.exists()
    assert signed_in_user_id(client) is None


def test_declining_to_link_leaves_the_account_alone(client, portal_user_factory):
    portal_user_factory(email=APPLICANT_IDENTITY.email)
    sign_in_as(client, APPLICANT_IDENTITY.key)
    response = client.post("/account/sign-in/egov/link/", {"cancel": "1"}, follow=True)
    assert "Your account was not linked" in page_text(response)
    assert signed_in_user_id(client) is None
    assert not PortalIdentity.objects.exists()


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.ADMINISTRATOR, Role.AUDITOR])
def test_staff_are_refused_even_with_the_portals_word(client, staff_user_factory, role):
    department = "hq" if role != Role.CASE_OFFICER else "khachmaz"
    staff = staff_user_factory(role=role, department=department, email=OFFICER_IDENTITY.email)

    response = sign_in_as(client, OFFICER_IDENTITY.key)

    assert response["Location"] == SIGN_IN
    assert signed_in_user_id(client) is None
    assert not PortalIdentity.objects.exists()
    page = client.get(SIGN_IN)
    assert "Members of staff cannot sign in with the e-government portal" in page_text(page)
    refusal = AuditEntry.objects.get(action="account.sign_in", target_id=str(staff.pk))
    assert refusal.outcome == "denied"
    assert refusal.details == {"method": "egov", "reason": "staff"}


def test_a_staff_account_linked_before_is_still_refused(client, staff_user_factory):
    """Even an identity that somehow points at a member of staff never signs them in."""
    sign_in_as(client, OFFICER_IDENTITY.key)  # makes an applicant's account
    user = User.objects.get(pk=signed_in_user_id(client))
    khachmaz = Department.objects.get(code="khachmaz")
    User.objects.filter(pk=user.pk).update(role=Role.CASE_OFFICER, department=khachmaz)

    again = Client()
    assert sign_in_as(again, OFFICER_IDENTITY.key)["Location"] == SIGN_IN
    assert signed_in_user_id(again) is None


def test_a_signed_in_member_of_staff_cannot_start_it(staff_user, verified_client):
    client = verified_client(staff_user)
    response = client.get("/account/sign-in/egov/", follow=True)
    assert "Members of staff cannot sign in" in page_text(response)


def test_cancelling_at_the_portal_comes_back_with_a_message(client):
    response = come_back(client, choose(client, start(client), "demo-applicant", cancel=True))
    assert response["Location"] == SIGN_IN
    assert signed_in_user_id(client) is None
    page = client.get(SIGN_IN)
    assert "You cancelled signing in with the e-government portal" in page_text(page)


def test_an_answer_for_another_state_is_refused(client):
    callback = choose(client, start(client), APPLICANT_IDENTITY.key)
    params = query_of(callback)
    forged = f"/account/sign-in/egov/return/?code={params['code']}&state=someone-elses"
    response = client.get(forged)
    assert response["Location"] == SIGN_IN
    assert signed_in_user_id(client) is None
    assert "could not be finished" in page_text(client.get(SIGN_IN))
    assert not User.objects.filter(email=APPLICANT_IDENTITY.email).exists()


def test_an_answer_in_another_browser_is_refused(client):
    """A return URL carried to a browser that never started the sign-in (login CSRF)."""
    callback = choose(client, start(client), APPLICANT_IDENTITY.key)
    victim = Client()
    response = come_back(victim, callback)
    assert response["Location"] == SIGN_IN
    assert signed_in_user_id(victim) is None


def test_a_return_url_used_twice_signs_in_once(client):
    callback = choose(client, start(client), APPLICANT_IDENTITY.key)
    assert come_back(client, callback)["Location"] == "/applications/"
    client.logout()
    replay = come_back(client, callback)
    assert replay["Location"] == SIGN_IN
    assert signed_in_user_id(client) is None


def test_the_portal_down_gives_a_message_not_an_error(client, settings):
    settings.UMIS_EGOV_OIDC_ISSUER = "http://testserver/simulators/nowhere"
    response = client.get("/account/sign-in/egov/", follow=True)
    assert response.status_code == 200
    assert "The e-government portal is not answering" in page_text(response)


def test_the_portal_unreachable_over_http_gives_a_message(client, settings):
    settings.UMIS_EGOV_OIDC_TRANSPORT = "http"
    settings.UMIS_EGOV_OIDC_ISSUER = "http://127.0.0.1:9/oidc"  # nothing listens there
    response = client.get("/account/sign-in/egov/", follow=True)
    assert response.status_code == 200
    assert "The e-government portal is not answering" in page_text(response)


def test_messages_are_translated(client):
    client.cookies["django_language"] = "az"
    come_back(client, choose(client, start(client), "demo-applicant", cancel=True))
    page = page_text(client.get(SIGN_IN))
    assert "You cancelled signing in" not in page
    assert "Elektron hökumət portalı ilə girişi ləğv etdiniz" in page


def test_the_button_keeps_where_the_applicant_was_going(client):
    authorize = start(client, next_url="/apply/stay-registration/")
    assert path_of(authorize).startswith("/simulators/egov/oidc/authorize?")
    assert client.session["umis_egov_pending"]["next"] == "/apply/stay-registration/"
