"""The e-government portal's sign-in simulator behaves as an OpenID Connect provider must:
codes work once, for the client, redirect URI and PKCE verifier they were issued for."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from django.utils import timezone
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.portal.egov_flow import query_of
from umis.exchange.models import SimulatedSignInCode

pytestmark = pytest.mark.django_db

ROOT = "/simulators/egov/oidc"
ISSUER = f"http://testserver{ROOT}"
REDIRECT = "http://testserver/account/sign-in/egov/return/"
VERIFIER = "v" * 43 + "-verifier-of-the-test"


def authorize_params(settings, **changes) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": settings.UMIS_EGOV_OIDC_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "scope": "openid profile email document",
        "state": "s1",
        "nonce": "n1",
        "code_challenge": create_s256_code_challenge(VERIFIER),
        "code_challenge_method": "S256",
    }
    params.update(changes)
    return params


def a_code(client, settings, person="demo-applicant") -> str:
    response = client.post(
        f"{ROOT}/authorize", {**authorize_params(settings), "person": person, "allow": "1"}
    )
    assert response.status_code == 302
    back = query_of(response["Location"])
    assert back["state"] == "s1" and back["iss"] == ISSUER
    return back["code"]


def basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def exchange(client, settings, code, *, secret=None, verifier=VERIFIER, redirect=REDIRECT):
    return client.post(
        f"{ROOT}/token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect,
            "code_verifier": verifier,
        },
        headers=basic(
            settings.UMIS_EGOV_OIDC_CLIENT_ID, secret or settings.UMIS_EGOV_OIDC_CLIENT_SECRET
        ),
    )


def test_discovery_names_the_endpoints_and_the_keys_verify_its_tokens(client, settings):
    metadata = client.get(f"{ROOT}/.well-known/openid-configuration").json()
    assert metadata["issuer"] == ISSUER
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["id_token_signing_alg_values_supported"] == ["ES256"]
    keys = KeySet.import_key_set(client.get(f"{ROOT}/jwks").json())

    tokens = exchange(client, settings, a_code(client, settings)).json()

    id_token = jwt.decode(tokens["id_token"], keys, algorithms=["ES256"])
    assert id_token.claims["iss"] == ISSUER
    assert id_token.claims["aud"] == settings.UMIS_EGOV_OIDC_CLIENT_ID
    assert id_token.claims["nonce"] == "n1"
    assert id_token.claims["email"] == "applicant@demo.umis.example"
    assert "document" not in id_token.claims  # only from userinfo
    info = client.get(
        f"{ROOT}/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    ).json()
    assert info["sub"] == id_token.claims["sub"]
    assert info["document"]["issuing_state"] == "TUR"


def test_a_code_works_once(client, settings):
    code = a_code(client, settings)
    assert exchange(client, settings, code).status_code == 200
    replay = exchange(client, settings, code)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"


def test_an_expired_code_is_refused(client, settings):
    code = a_code(client, settings)
    SimulatedSignInCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert exchange(client, settings, code).json()["error"] == "invalid_grant"


def test_the_pkce_verifier_must_match(client, settings):
    response = exchange(client, settings, a_code(client, settings), verifier="w" * 50)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_the_redirect_uri_must_be_the_one_authorized(client, settings):
    other = "http://testserver/account/sign-in/egov/return/?x=1"
    response = exchange(client, settings, a_code(client, settings), redirect=other)
    assert response.json()["error"] == "invalid_grant"


def test_the_client_secret_is_checked(client, settings):
    response = exchange(client, settings, a_code(client, settings), secret="not-the-secret")
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


def test_an_unknown_client_or_redirect_uri_is_never_redirected_to(client, settings):
    for changes in ({"client_id": "stranger"}, {"redirect_uri": "https://evil.example/cb"}):
        response = client.get(f"{ROOT}/authorize", authorize_params(settings, **changes))
        assert response.status_code == 400
        assert "cannot be answered" in response.content.decode()


def test_a_request_without_pkce_goes_back_with_an_error(client, settings):
    response = client.get(
        f"{ROOT}/authorize", authorize_params(settings, code_challenge_method="plain")
    )
    assert response.status_code == 302
    assert query_of(response["Location"])["error"] == "invalid_request"


def test_userinfo_needs_a_valid_access_token(client):
    response = client.get(f"{ROOT}/userinfo", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
