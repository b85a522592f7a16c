"""POST /api/v1/screening/checks: other systems screen a person; every call audited."""

from __future__ import annotations

import pytest

from tests.screening.helpers import enter
from umis.accounts.roles import Role, perm
from umis.accounts.token_services import api_client_create, api_token_issue
from umis.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/api/v1/screening/checks"
BODY = {
    "names": [{"surname": "Резаи", "given_names": "Мохаммад Реза"}],
    "birth_date": "1988-04",
    "nationality": "IRN",
}


@pytest.fixture
def token():
    machine = api_client_create(name="Border guard post", department=None, by=None)
    return api_token_issue(client=machine, scopes=[perm.SCREENING_CHECK], expires_at=None, by=None)[
        1
    ]


def post(client, body, token=None):
    extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL, body, content_type="application/json", **extra)


def test_a_machine_client_gets_the_hits_with_their_explanation(client, token):
    entry = enter()
    response = post(client, BODY, token)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["hit"] is True
    (hit,) = body["hits"]
    assert hit["entry_id"] == entry.pk
    assert hit["entry"]["list_kind"] == "entry_ban"
    assert hit["entry"]["reason"].startswith("Deported")
    words = {p["field"]: p["words"] for p in hit["explanation"]}
    assert words["birth_date"] == "the same as far as both are known (month)"
    audit = AuditEntry.objects.get(action="screening.check")
    assert audit.actor_username == "Border guard post"
    assert audit.details["entries"] == [entry.pk]
    assert "Rezaei" not in str(audit.details) and "Резаи" not in str(audit.details)


def test_a_miss_is_answered_and_audited_too(client, token):
    response = post(client, {**BODY, "names": [{"surname": "Smith", "given_names": "Anna"}]}, token)
    assert response.status_code == 200
    assert response.json() == {
        "hit": False,
        "checked_on": response.json()["checked_on"],
        "hits": [],
    }
    assert AuditEntry.objects.filter(action="screening.check").count() == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"names": [{"surname": "", "given_names": ""}]}, "names.0.surname"),
        ({"names": [{"surname": "Rezaеi", "given_names": "Ali"}]}, "names.0.surname"),
        ({"birth_date": "1988-13-01"}, "birth_date"),
        ({"birth_date": "yesterday"}, "birth_date"),
        ({"nationality": "QQQ"}, "nationality"),
        ({"names": []}, "names"),
    ],
)
def test_bad_input_gets_a_422_naming_the_field(client, token, changes, field):
    response = post(client, {**BODY, **changes}, token)
    assert response.status_code == 422, response.content
    fields = response.json()["error"]["fields"]
    assert any(key == field or key.startswith(field) for key in fields), fields


def test_no_token_or_a_token_without_the_scope_is_refused(client, staff_user_factory):
    assert post(client, BODY).status_code == 401
    machine = api_client_create(name="Other", department=None, by=None)
    other = api_token_issue(client=machine, scopes=[perm.PERSON_SEARCH], expires_at=None, by=None)
    assert post(client, BODY, other[1]).status_code == 403


def test_staff_with_the_permission_may_screen(client, staff_user_factory, verified_client):
    head = staff_user_factory(role=Role.APPROVING_OFFICER)
    assert post(verified_client(head), BODY).status_code == 200
    officer = staff_user_factory(role=Role.CASE_OFFICER)
    assert post(verified_client(officer), BODY).status_code == 403
