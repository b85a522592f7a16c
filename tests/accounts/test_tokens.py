"""Machine clients calling office operations with scoped bearer tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from ninja import NinjaAPI

from config.api import api as real_api
from config.urls import urlpatterns as real_urlpatterns
from tests.accounts.factories import UserFactory, sign_in_verified
from umis.accounts.jurisdiction import district_ids_visible_to
from umis.accounts.models import ApiClient, ApiToken, Department, District
from umis.accounts.permissions import office_auth
from umis.accounts.roles import Role, perm
from umis.accounts.token_services import api_client_create, api_token_issue, api_token_revoke
from umis.core.errors import ValidationFailed

# A stand-in for an office operation (the real ones are written elsewhere), mounted under
# /api/v1/office/ so that the second-factor middleware is in the path, as in production.
probe_api = NinjaAPI(urls_namespace="test-office-probe")
for _exc, _handler in real_api._exception_handlers.items():
    probe_api.add_exception_handler(_exc, _handler)


@probe_api.get("/search", auth=office_auth(perm.PERSON_SEARCH))
def probe_search(request: HttpRequest) -> dict:
    client = getattr(request, "api_client", None)
    return {"client": client.name if client else None}


urlpatterns = [path("api/v1/office/probe/", probe_api.urls), *real_urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

SEARCH_URL = "/api/v1/office/probe/search"
WHOAMI_URL = "/api/v1/auth/whoami"


@pytest.fixture
def machine():
    return api_client_create(name="Border system", department=None, by=None)


def issue(client, scopes=(perm.PERSON_SEARCH,), expires_at=None):
    return api_token_issue(client=client, scopes=scopes, expires_at=expires_at, by=None)


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_scoped_token_calls_an_office_operation(client, machine):
    token, plaintext = issue(machine)
    assert plaintext.startswith(f"umis_{token.prefix}_")

    response = client.get(SEARCH_URL, **bearer(plaintext))

    assert response.status_code == 200, response.content
    assert response.json() == {"client": "Border system"}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_whoami_tells_a_client_what_its_token_carries(client, machine):
    expires = timezone.now() + timedelta(days=90)
    token, plaintext = issue(
        machine, scopes=[perm.PERSON_VIEW, perm.PERSON_SEARCH], expires_at=expires
    )

    body = client.get(WHOAMI_URL, **bearer(plaintext)).json()

    assert body["kind"] == "client"
    assert body["name"] == "Border system"
    assert body["permissions"] == ["people.search", "people.view"]
    assert body["token_prefix"] == token.prefix
    assert body["department"] is None


def test_whoami_for_staff_with_a_verified_session(client):
    officer = UserFactory(role=Role.CASE_OFFICER)
    sign_in_verified(client, officer)

    body = client.get(WHOAMI_URL).json()

    assert body["kind"] == "staff"
    assert body["name"] == officer.username
    assert body["role"] == "case_officer"
    assert body["department"] == "khachmaz"
    assert "people.search" in body["permissions"]


def test_whoami_refuses_staff_without_the_second_factor_and_applicants(client):
    client.force_login(UserFactory(role=Role.CASE_OFFICER))
    assert_error(client.get(WHOAMI_URL), 401, "not_authenticated")
    client.force_login(UserFactory(role=Role.APPLICANT))
    assert_error(client.get(WHOAMI_URL), 401, "not_authenticated")
    client.logout()
    assert_error(client.get(WHOAMI_URL), 401, "not_authenticated")


@pytest.mark.parametrize(
    "make_bad",
    [
        lambda good: good[:-1] + ("A" if good[-1] != "A" else "B"),  # right prefix, wrong secret
        lambda good: "umis_AAAAAAAA_" + good.split("_", 2)[2],  # unknown prefix
        lambda good: good.split("_", 2)[2],  # the secret alone
        lambda good: "not-a-token",
    ],
    ids=["wrong-secret", "unknown-prefix", "secret-only", "garbage"],
)
def test_wrong_token_is_not_authenticated(client, machine, make_bad):
    _, plaintext = issue(machine)
    assert_error(client.get(SEARCH_URL, **bearer(make_bad(plaintext))), 401, "not_authenticated")
    assert_error(client.get(WHOAMI_URL, **bearer(make_bad(plaintext))), 401, "not_authenticated")


def test_revoked_token_is_not_authenticated(client, machine):
    token, plaintext = issue(machine)
    assert client.get(SEARCH_URL, **bearer(plaintext)).status_code == 200

    api_token_revoke(token=token, by=None)

    assert_error(client.get(SEARCH_URL, **bearer(plaintext)), 401, "not_authenticated")
    first_revocation = ApiToken.objects.get(pk=token.pk).revoked_at
    api_token_revoke(token=token, by=None)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first_revocation


def test_expired_token_is_not_authenticated(client, machine):
    token, plaintext = issue(machine, expires_at=timezone.now() + timedelta(days=1))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_error(client.get(SEARCH_URL, **bearer(plaintext)), 401, "not_authenticated")


def test_token_of_a_deactivated_client_is_not_authenticated(client, machine):
    _, plaintext = issue(machine)
    ApiClient.objects.filter(pk=machine.pk).update(is_active=False)
    assert_error(client.get(SEARCH_URL, **bearer(plaintext)), 401, "not_authenticated")


def test_token_without_the_scope_is_forbidden(client, machine):
    _, plaintext = issue(machine, scopes=[perm.PERSON_VIEW])
    assert_error(client.get(SEARCH_URL, **bearer(plaintext)), 403, "forbidden")
    # The same token is still good for what it does carry.
    assert client.get(WHOAMI_URL, **bearer(plaintext)).status_code == 200


def test_bearer_header_does_not_get_past_the_operations_own_auth(client):
    """The middleware lets Bearer requests through; the operation must still refuse them."""
    assert_error(
        client.get(SEARCH_URL, **bearer("umis_AAAAAAAA_" + "x" * 43)), 401, "not_authenticated"
    )
    assert_error(client.get(SEARCH_URL, HTTP_AUTHORIZATION="Bearer "), 401, "not_authenticated")
    # Without any header the middleware itself refuses, in the same shape.
    assert_error(client.get(SEARCH_URL), 401, "not_authenticated")


def test_a_signed_in_applicant_with_a_bad_bearer_gets_nothing(client):
    client.force_login(UserFactory(role=Role.APPLICANT))
    assert_error(client.get(SEARCH_URL, **bearer("nonsense")), 401, "not_authenticated")


def test_staff_still_reach_the_operation_with_their_session(client):
    sign_in_verified(client, UserFactory(role=Role.RECEPTION_OFFICER))
    response = client.get(SEARCH_URL)
    assert response.status_code == 200
    assert response.json() == {"client": None}
    sign_in_verified(client, UserFactory(role=Role.ANALYST))
    assert_error(client.get(SEARCH_URL), 403, "forbidden")


def test_the_database_never_holds_the_plaintext(machine):
    token, plaintext = issue(machine, scopes=[perm.PERSON_SEARCH, perm.PERSON_VIEW])
    secret = plaintext.split("_", 2)[2]
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    stored = " ".join(str(value) for value in row.values())
    assert plaintext not in stored
    assert secret not in stored
    assert len(row["secret_hash"]) == 64 and row["secret_hash"] != secret
    # 256 bits of randomness: two tokens never share a secret.
    assert issue(machine)[1].split("_", 2)[2] != secret


def test_last_use_is_written_at_most_once_a_minute(client, machine):
    token, plaintext = issue(machine)
    client.get(SEARCH_URL, **bearer(plaintext))
    first = ApiToken.objects.get(pk=token.pk).last_used_at

    client.get(SEARCH_URL, **bearer(plaintext))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(SEARCH_URL, **bearer(plaintext))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(minutes=2)


@pytest.mark.parametrize(
    ("scopes", "expires_in", "field"),
    [
        ([], None, "scopes"),
        (["people.nonsense"], None, "scopes"),
        ([perm.APPLY_SELF], None, "scopes"),  # acting as an applicant needs a person
        ([perm.USERS_MANAGE], None, "scopes"),
        ([perm.PERSON_SEARCH], timedelta(minutes=-1), "expires_at"),
    ],
)
def test_issuing_refuses_bad_input_naming_the_field(machine, scopes, expires_in, field):
    expires_at = timezone.now() + expires_in if expires_in else None
    with pytest.raises(ValidationFailed) as caught:
        issue(machine, scopes=scopes, expires_at=expires_at)
    assert field in caught.value.fields
    assert not ApiToken.objects.exists()


def test_clients_must_have_distinct_names(machine):
    with pytest.raises(ValidationFailed) as caught:
        api_client_create(name=" Border system ", department=None, by=None)
    assert "name" in caught.value.fields


def test_a_clients_reach_follows_its_department():
    khachmaz = Department.objects.get(code="khachmaz")
    regional = api_client_create(name="Khachmaz kiosk", department=khachmaz, by=None)
    national = api_client_create(name="Statistics", department=None, by=None)
    at_hq = api_client_create(name="HQ bus", department=Department.objects.get(code="hq"), by=None)

    assert set(district_ids_visible_to(regional)) == set(
        District.objects.filter(department=khachmaz).values_list("id", flat=True)
    )
    assert district_ids_visible_to(national) is None
    assert district_ids_visible_to(at_hq) is None
    regional.is_active = False
    assert district_ids_visible_to(regional) == []


def test_issue_and_revoke_are_in_the_audit_log_without_the_secret(machine):
    from umis.audit.models import AuditEntry

    admin = UserFactory(role=Role.ADMINISTRATOR, department=Department.objects.get(code="hq"))
    token, plaintext = api_token_issue(
        client=machine, scopes=[perm.PERSON_SEARCH], expires_at=None, by=admin
    )
    api_token_revoke(token=token, by=admin)

    issued = AuditEntry.objects.get(action="accounts.api_token_issue")
    assert issued.target_id == str(token.pk)
    assert issued.actor_username == admin.username
    assert issued.details["prefix"] == token.prefix
    assert issued.details["scopes"] == ["people.search"]
    revoked = AuditEntry.objects.get(action="accounts.api_token_revoke")
    assert revoked.actor_username == admin.username
    everything = " ".join(str(entry.details) + entry.reason for entry in AuditEntry.objects.all())
    assert plaintext.split("_", 2)[2] not in everything
    assert token.secret_hash not in everything
    # The client was created by the fixture with no person behind it: the system acted.
    created = AuditEntry.objects.get(action="accounts.api_client_create")
    assert created.actor_kind == AuditEntry.ActorKind.SYSTEM


def test_a_refused_issue_leaves_no_audit_row(machine):
    from umis.audit.models import AuditEntry

    with pytest.raises(ValidationFailed):
        issue(machine, scopes=["people.nonsense"])
    assert not AuditEntry.objects.filter(action="accounts.api_token_issue").exists()
