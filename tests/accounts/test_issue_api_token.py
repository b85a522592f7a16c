"""manage.py issue_api_token: prints a working token once and stores only its hash."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from umis.accounts.models import ApiClient, ApiToken

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("issue_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_prints_a_token_that_opens_the_api(client):
    plaintext, notes = run(
        "--client",
        "Border system",
        "--scope",
        "people.search",
        "--scope",
        "people.view",
        "--days",
        "90",
    )

    token = ApiToken.objects.get()
    assert token.client.name == "Border system"
    assert token.scopes == ["people.search", "people.view"]
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    assert "Created API client Border system" in notes and token.prefix in notes
    assert plaintext not in notes  # stdout carries the token alone, for scripts

    response = client.get("/api/v1/auth/whoami", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 200
    assert response.json()["name"] == "Border system"


def test_second_token_for_an_existing_client_with_a_department():
    run("--client", "Khachmaz kiosk", "--department", "khachmaz", "--scope", "people.search")
    plaintext, notes = run("--client", "Khachmaz kiosk", "--scope", "people.view")
    assert "Created" not in notes
    client = ApiClient.objects.get()
    assert client.department.code == "khachmaz"
    assert client.tokens.count() == 2
    assert ApiToken.objects.filter(expires_at__isnull=True).count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "people.nonsense"], "scopes"),
        (["--scope", "portal.apply_self"], "scopes"),
        (["--scope", "people.search", "--days", "0"], "--days"),
        (["--scope", "people.search", "--department", "atlantis"], "atlantis"),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_issued(args, message):
    with pytest.raises(CommandError, match=message):
        run("--client", "Border system", *args)
    assert not ApiToken.objects.exists()
    assert not ApiClient.objects.exists()
