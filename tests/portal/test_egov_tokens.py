"""The ID token is believed only when it verifies: tokens altered on their way back from the
portal (another signature, expired, for another client, another issuer or nonce) sign no
one in, and the applicant reads why on the sign-in page."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc import jwt
from joserfc.jwk import ECKey

from tests.portal.egov_flow import SIGN_IN, choose, come_back, signed_in_user_id, start
from umis.accounts.models import User
from umis.accounts.oidc_http import Answer, InProcessChannel, ProviderUnreachable
from umis.audit.models import AuditEntry
from umis.exchange.simulators import egov_oidc

pytestmark = pytest.mark.django_db
PERSON = "demo-applicant"


class TamperingChannel(InProcessChannel):
    """Hands the token endpoint's answer to ``tamper`` before the client reads it."""

    tamper: Callable[[dict], dict] | None = None
    token_down = False

    def post_form(self, url, data, *, headers):
        if type(self).token_down:
            raise ProviderUnreachable("connection refused")
        answer = super().post_form(url, data, headers=headers)
        if type(self).tamper is None or answer.status != 200:
            return answer
        tokens = type(self).tamper(json.loads(answer.body))
        return Answer(answer.status, json.dumps(tokens).encode(), answer.headers)


@pytest.fixture
def tampering(settings, monkeypatch):
    settings.UMIS_EGOV_OIDC_TRANSPORT = "tests.portal.test_egov_tokens.TamperingChannel"
    monkeypatch.setattr(TamperingChannel, "tamper", None)
    monkeypatch.setattr(TamperingChannel, "token_down", False)

    def use(change: Callable[[dict], dict]) -> None:
        monkeypatch.setattr(TamperingChannel, "tamper", staticmethod(change))

    return use


def claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def with_id_token(change: Callable[[dict], str]) -> Callable[[dict], dict]:
    def tamper(tokens: dict) -> dict:
        return {**tokens, "id_token": change(claims_of(tokens["id_token"]))}

    return tamper


def resigned(**changes) -> Callable[[dict], dict]:
    """The ID token with claims changed, signed again with the portal's own key."""
    return with_id_token(lambda claims: egov_oidc.sign({**claims, **changes}))


def payload_swapped(**changes) -> Callable[[dict], dict]:
    """The ID token's claims changed and its signature left as it was."""

    def tamper(tokens: dict) -> dict:
        header, _payload, signature = tokens["id_token"].split(".")
        claims = {**claims_of(tokens["id_token"]), **changes}
        payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        return {**tokens, "id_token": f"{header}.{payload}.{signature}"}

    return tamper


def signed_by_a_stranger(tokens: dict) -> dict:
    """Signed with another key that claims the portal's key id."""
    stranger = ECKey.import_key(ec.generate_private_key(ec.SECP256R1()))
    claims = claims_of(tokens["id_token"])
    kid = egov_oidc.signing_key().kid
    return {
        **tokens,
        "id_token": jwt.encode({"alg": "ES256", "kid": kid}, claims, stranger),
    }


def unsigned(tokens: dict) -> dict:
    claims = claims_of(tokens["id_token"])
    header = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return {**tokens, "id_token": f"{header}.{payload}."}


def sign_in(client):
    return come_back(client, choose(client, start(client), PERSON))


def assert_refused(client, response, message: str) -> None:
    assert response.status_code == 302 and response["Location"] == SIGN_IN
    assert signed_in_user_id(client) is None
    assert message in client.get(SIGN_IN).content.decode()


VERIFY = "The answer from the e-government portal could not be verified"


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(payload_swapped(sub="someone-else"), id="altered-claims"),
        pytest.param(signed_by_a_stranger, id="another-key"),
        pytest.param(unsigned, id="alg-none"),
        pytest.param(
            resigned(exp=int(time.time()) - 600, iat=int(time.time()) - 900), id="expired"
        ),
        pytest.param(resigned(aud="another-client"), id="another-audience"),
        pytest.param(resigned(iss="https://elsewhere.example"), id="another-issuer"),
        pytest.param(resigned(nonce="a-replayed-nonce"), id="another-nonce"),
        pytest.param(resigned(at_hash="AAAAAAAAAAAAAAAAAAAAAA"), id="another-access-token"),
    ],
)
def test_a_token_that_does_not_verify_signs_no_one_in(client, tampering, tamper):
    tampering(tamper)
    assert_refused(client, sign_in(client), VERIFY)
    assert not User.objects.filter(email__startswith="applicant@").exists()
    failure = AuditEntry.objects.get(action="account.sign_in", outcome="failure")
    assert failure.details == {"method": "egov", "reason": "invalid_token"}


def test_the_same_token_untouched_signs_in(client, tampering):
    """Guards the tests above: the tampering channel itself changes nothing."""
    tampering(lambda tokens: tokens)
    assert sign_in(client)["Location"] == "/applications/"
    assert signed_in_user_id(client) is not None


def test_a_token_within_the_allowed_clock_difference_is_accepted(client, tampering, settings):
    settings.UMIS_EGOV_OIDC_LEEWAY_SECONDS = 60
    tampering(resigned(exp=int(time.time()) - 20))
    assert sign_in(client)["Location"] == "/applications/"


def test_the_portal_down_at_the_token_step(client, tampering, monkeypatch):
    authorize = start(client)
    callback = choose(client, authorize, PERSON)
    monkeypatch.setattr(TamperingChannel, "token_down", True)
    assert_refused(client, come_back(client, callback), "The e-government portal is not answering")


def test_userinfo_about_someone_else_is_not_used(client, settings, monkeypatch):
    settings.UMIS_EGOV_OIDC_TRANSPORT = "tests.portal.test_egov_tokens.TamperingChannel"
    original = InProcessChannel.get

    def get(self, url, *, headers):
        answer = original(self, url, headers=headers)
        if url.endswith("/userinfo"):
            data = {**json.loads(answer.body), "sub": "another-subject"}
            return Answer(200, json.dumps(data).encode(), answer.headers)
        return answer

    monkeypatch.setattr(TamperingChannel, "get", get)
    assert_refused(client, sign_in(client), VERIFY)
