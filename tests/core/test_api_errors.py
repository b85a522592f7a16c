"""Every API failure has one shape, in the caller's language, and is never an HTML 500."""

from __future__ import annotations

import json

import pytest

from umis.accounts.models import ApiClient
from umis.accounts.token_services import api_token_issue

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/office/people/"


@pytest.fixture
def token(staff_user_factory):
    from umis.accounts.roles import Role

    admin = staff_user_factory(Role.ADMINISTRATOR, department="hq")
    client = ApiClient.objects.create(name="Border system")
    _, plaintext = api_token_issue(
        client=client, scopes=["people.search", "people.edit"], expires_at=None, by=admin
    )
    return plaintext


def _post(client, token, body: str, language: str = "en"):
    return client.post(
        PEOPLE,
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_a_machine_client_can_post_with_a_token_and_no_csrf_cookie(client, token):
    client.handler.enforce_csrf_checks = True
    body = {"surname_latin": "Иванов", "birth_date": "1990-01-01", "sex": "M", "nationality": "RUS"}
    response = _post(client, token, json.dumps(body))
    # Refused for its content (422 naming the field), not for a missing CSRF token.
    assert response.status_code == 422
    assert "surname_latin" in response.json()["error"]["fields"]


def test_malformed_json_is_422_naming_the_body(client, token):
    response = _post(client, token, '{"surname_latin": ')
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "validation_error",
        "message": "Some fields need your attention.",
        "fields": {"body": "The request body is not valid JSON."},
    }


def test_oversized_body_is_refused_in_shape(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = _post(client, token, json.dumps({"surname_latin": "A" * 20_000}))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


def test_errors_come_in_the_callers_language(client, token):
    body = json.dumps(
        {"surname_latin": "Ivanov", "birth_date": "2999-01-01", "sex": "M", "nationality": "RUS"}
    )
    english = _post(client, token, body, "en").json()["error"]
    russian = _post(client, token, body, "ru").json()["error"]
    azerbaijani = _post(client, token, body, "az").json()["error"]
    assert set(english["fields"]) == {"birth_date"}
    assert english["fields"]["birth_date"] != russian["fields"]["birth_date"]
    assert english["fields"]["birth_date"] != azerbaijani["fields"]["birth_date"]
    assert any("\u0400" <= ch <= "\u04ff" for ch in russian["message"])  # Cyrillic


def test_a_bad_token_on_a_write_is_401_not_a_csrf_failure(client):
    response = _post(client, "umis_nothing_here", "{}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_the_bearer_scheme_is_read_without_regard_to_case(client, token):
    """HttpBearer accepts "bearer"; the staff gate and the session auth must agree."""
    response = client.get(PEOPLE, {"q": "x"}, HTTP_AUTHORIZATION=f"bearer {token}")
    assert response.status_code == 200
