"""The demo's portal accounts are confirmed, so they can apply at once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from umis.accounts.models import User
from umis.cases.api_auth import PORTAL_ROLES
from umis.core.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_portal_accounts_are_confirmed_and_sign_in_by_email(client):
    out = io.StringIO()
    call_command("seed_demo", persons=1, stdout=out)
    portal_users = User.objects.filter(role__in=PORTAL_ROLES)
    assert portal_users.count() == 3
    assert not portal_users.filter(email_confirmed_at__isnull=True).exists()
    assert "/account/sign-in/" in out.getvalue()
    response = client.post(
        "/account/sign-in/", {"email": "applicant@demo.umis.example", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
