"""The admin is for administrators and reference data, and never shows a token's secret."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.factories import UserFactory, sign_in_verified
from umis.accounts.models import Department
from umis.accounts.roles import Role
from umis.accounts.token_services import api_client_create, api_token_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    machine = api_client_create(name="Border system", department=None, by=None)
    return api_token_issue(client=machine, scopes=["people.search"], expires_at=None, by=None)


def administrator():
    return UserFactory(
        role=Role.ADMINISTRATOR, department=Department.objects.get(code="hq"), is_staff=True
    )


def test_administrator_sees_tokens_by_prefix_but_never_the_hash(client, token):
    row, plaintext = token
    sign_in_verified(client, administrator())

    listing = client.get("/admin/accounts/apitoken/")
    detail = client.get(f"/admin/accounts/apitoken/{row.pk}/change/")

    assert listing.status_code == 200 and detail.status_code == 200
    for page in (listing, detail):
        html = page.content.decode()
        assert row.prefix in html
        assert row.secret_hash not in html
        assert plaintext.split("_", 2)[2] not in html
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403


def test_administrator_revokes_a_token_from_the_list(client, token):
    row, plaintext = token
    sign_in_verified(client, administrator())

    response = client.post(
        "/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [row.pk]}
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    machine = Client()  # no staff session: the token alone must decide
    whoami = machine.get("/api/v1/auth/whoami", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert whoami.status_code == 401


def test_administrator_maintains_reference_data(client):
    sign_in_verified(client, administrator())
    khachmaz = Department.objects.get(code="khachmaz")
    page = client.get(f"/admin/accounts/department/{khachmaz.pk}/change/")
    assert page.status_code == 200
    assert "Siyəzən" in page.content.decode()
    assert client.get("/admin/accounts/district/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.HQ_OFFICER, Role.AUDITOR])
def test_other_staff_get_nothing_from_the_admin_even_with_the_staff_flag(client, role, token):
    user = UserFactory(role=role, department=Department.objects.get(code="hq"), is_staff=True)
    sign_in_verified(client, user)
    for url in (
        "/admin/accounts/apitoken/",
        "/admin/accounts/apiclient/",
        "/admin/accounts/user/",
        "/admin/accounts/department/",
        "/admin/accounts/district/",
    ):
        assert client.get(url).status_code == 403, url


def test_admin_needs_the_second_factor(client):
    client.force_login(administrator())
    response = client.get("/admin/accounts/apitoken/")
    assert response.status_code == 302
    assert "/office/login/verify/" in response["Location"]
