"""Signing in with the e-government portal (ASAN Login): the OpenID Connect client.

The authorization code flow with PKCE (S256), ``state`` and ``nonce``, built on Authlib
(PKCE, ID token claims) and joserfc (JWS). The ID token's signature is verified against
the provider's published keys (RS256 or ES256 only), then its issuer, audience, expiry,
nonce and access-token hash; userinfo is read with the access token and must name the
same subject. The provider is found by discovery at
``<issuer>/.well-known/openid-configuration``; its document and keys are cached for a few
minutes, and the keys fetched again once when a token names a key id not yet seen.

Nothing here knows about accounts: it turns the provider's answer into verified
``PortalIdentityClaims``, or raises ``SignInError`` with a reason.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import time
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, QueryDict
from django.urls import NoReverseMatch, reverse
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from umis.accounts.oidc_http import Answer, ProviderUnreachable, get_channel

logger = logging.getLogger(__name__)

ALGORITHMS = ("RS256", "ES256")
SCOPES = "openid profile email document"
PENDING_MAX_SECONDS = 600  # a sign-in not finished in ten minutes starts again
METADATA_CACHE_SECONDS = 300


class SignInError(Exception):
    """Why a sign-in with the portal did not succeed. Reasons:

    ``cancelled`` the person cancelled at the portal; ``state_mismatch`` the answer does not
    belong to a sign-in started in this browser (or it took too long); ``unavailable`` the
    portal did not answer; ``rejected`` the portal refused the request or the code;
    ``invalid_token`` the ID token or userinfo failed verification; ``missing_claims`` the
    portal did not share what an account needs.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class PortalIdentityClaims:
    """What the portal vouches for about the person, verified."""

    issuer: str
    subject: str
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    email_verified: bool = False
    birthdate: str = ""  # YYYY-MM-DD, or YYYY when the portal knows the year only
    nationality: str = ""
    document_type: str = ""
    document_number: str = ""
    document_issuing_state: str = ""
    fin: str = ""

    def as_session(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> PortalIdentityClaims:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})

    @property
    def birth_date(self) -> date | None:
        try:
            return date.fromisoformat(self.birthdate) if len(self.birthdate) == 10 else None
        except ValueError:
            return None


def configured_issuer(request: HttpRequest) -> str:
    """The provider's issuer; in the demo, unless configured, this server's own simulator at
    the address the browser used. Empty when single sign-on is not set up."""
    if settings.UMIS_EGOV_OIDC_ISSUER:
        return settings.UMIS_EGOV_OIDC_ISSUER.rstrip("/")
    if settings.UMIS_SIMULATORS:
        try:
            jwks_path = reverse("simulators:egov-oidc-jwks")
        except NoReverseMatch:
            return ""
        return request.build_absolute_uri(jwks_path).removesuffix("/jwks")
    return ""


def _cache_key(kind: str, issuer: str) -> str:
    return f"egov-oidc:{kind}:{hashlib.sha256(issuer.encode()).hexdigest()[:32]}"


def _json_of(answer: Answer, what: str) -> dict[str, Any]:
    if answer.status >= 500 or answer.status in {404, 429}:
        raise SignInError("unavailable", f"{what}: HTTP {answer.status}")
    try:
        data = answer.json()
    except ValueError:
        raise SignInError("unavailable", f"{what}: not JSON") from None
    if not isinstance(data, dict):
        raise SignInError("unavailable", f"{what}: not a JSON object")
    return data


def _get(url: str, what: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    try:
        answer = get_channel().get(url, headers=headers or {})
    except ProviderUnreachable as exc:
        raise SignInError("unavailable", f"{what}: {exc}") from exc
    if answer.status in {401, 403}:
        raise SignInError("invalid_token", f"{what}: HTTP {answer.status}")
    if answer.status != 200:
        raise SignInError("unavailable", f"{what}: HTTP {answer.status}")
    return _json_of(answer, what)


def provider_metadata(issuer: str) -> dict[str, Any]:
    key = _cache_key("metadata", issuer)
    metadata = cache.get(key)
    if metadata is None:
        metadata = _get(f"{issuer}/.well-known/openid-configuration", "discovery")
        # OpenID Connect Discovery: the document must name the issuer it was fetched for.
        if metadata.get("issuer") != issuer:
            raise SignInError("unavailable", "discovery names another issuer")
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(metadata.get(name), str):
                raise SignInError("unavailable", f"discovery lacks {name}")
        cache.set(key, metadata, METADATA_CACHE_SECONDS)
    return metadata


def _key_set(issuer: str, metadata: dict[str, Any], *, refresh: bool = False) -> KeySet:
    key = _cache_key("jwks", issuer)
    data = None if refresh else cache.get(key)
    if data is None:
        data = _get(metadata["jwks_uri"], "jwks")
        cache.set(key, data, METADATA_CACHE_SECONDS)
    try:
        return KeySet.import_key_set(data)
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise SignInError("unavailable", "the published keys cannot be read") from exc


def authorization_request(*, issuer: str, redirect_uri: str) -> tuple[str, dict[str, Any]]:
    """The portal's URL to send the browser to, and what to keep in the session until the
    browser comes back."""
    metadata = provider_metadata(issuer)
    pending = {
        "issuer": issuer,
        "redirect_uri": redirect_uri,
        "state": generate_token(32),
        "nonce": generate_token(32),
        "code_verifier": generate_token(64),
        "started": int(time.time()),
    }
    query = {
        "response_type": "code",
        "client_id": settings.UMIS_EGOV_OIDC_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "scope": SCOPES,
        "state": pending["state"],
        "nonce": pending["nonce"],
        "code_challenge": create_s256_code_challenge(pending["code_verifier"]),
        "code_challenge_method": "S256",
    }
    separator = "&" if "?" in metadata["authorization_endpoint"] else "?"
    return f"{metadata['authorization_endpoint']}{separator}{urlencode(query)}", pending


def _check_return(params: QueryDict, pending: dict[str, Any] | None) -> str:
    """The code, once the answer is known to belong to the sign-in this browser started."""
    state = params.get("state", "")
    if not pending or not state or state != pending.get("state"):
        raise SignInError("state_mismatch")
    if time.time() - float(pending.get("started", 0)) > PENDING_MAX_SECONDS:
        raise SignInError("state_mismatch", "the sign-in took too long")
    # RFC 9207: when the provider names itself, it must be the one we sent the browser to.
    if params.get("iss") and params["iss"] != pending["issuer"]:
        raise SignInError("state_mismatch", "the answer names another issuer")
    error = params.get("error", "")
    if error == "access_denied":
        raise SignInError("cancelled")
    if error:
        raise SignInError("rejected", error[:64])
    code = params.get("code", "")
    if not code:
        raise SignInError("rejected", "no code")
    return code


def _basic_auth() -> str:
    # RFC 6749 2.3.1: the id and the secret are form-encoded before they are joined.
    client_id = quote(settings.UMIS_EGOV_OIDC_CLIENT_ID, safe="")
    raw = f"{client_id}:{quote(settings.UMIS_EGOV_OIDC_CLIENT_SECRET, safe='')}"
    return "Basic " + base64.b64encode(raw.encode()).decode()


def _tokens(metadata: dict[str, Any], code: str, pending: dict[str, Any]) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": pending["redirect_uri"],
        "code_verifier": pending["code_verifier"],
    }
    try:
        answer = get_channel().post_form(
            metadata["token_endpoint"], form, headers={"Authorization": _basic_auth()}
        )
    except ProviderUnreachable as exc:
        raise SignInError("unavailable", f"token: {exc}") from exc
    if 400 <= answer.status < 500 and answer.status not in {404, 429}:
        raise SignInError("rejected", f"token: HTTP {answer.status}")
    data = _json_of(answer, "token")
    if answer.status != 200:
        raise SignInError("unavailable", f"token: HTTP {answer.status}")
    if not isinstance(data.get("id_token"), str) or not isinstance(data.get("access_token"), str):
        raise SignInError("rejected", "token: no ID token or access token")
    return data


def _verified_id_token(
    issuer: str, metadata: dict[str, Any], tokens: dict[str, Any], nonce: str
) -> dict[str, Any]:
    offered = metadata.get("id_token_signing_alg_values_supported") or list(ALGORITHMS)
    algorithms = [alg for alg in ALGORITHMS if alg in offered]
    try:
        try:
            decoded = jwt.decode(tokens["id_token"], _key_set(issuer, metadata), algorithms)
        except InvalidKeyIdError:  # the provider may have rotated its key since we cached
            keys = _key_set(issuer, metadata, refresh=True)
            decoded = jwt.decode(tokens["id_token"], keys, algorithms)
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            options={
                "iss": {"essential": True, "value": issuer},
                "aud": {"essential": True, "value": settings.UMIS_EGOV_OIDC_CLIENT_ID},
                "exp": {"essential": True},
                "sub": {"essential": True},
            },
            params={
                "nonce": nonce,
                "client_id": settings.UMIS_EGOV_OIDC_CLIENT_ID,
                "access_token": tokens["access_token"],
            },
        )
        claims.validate(now=int(time.time()), leeway=settings.UMIS_EGOV_OIDC_LEEWAY_SECONDS)
    except (JoseError, ValueError, TypeError) as exc:
        raise SignInError("invalid_token", type(exc).__name__) from exc
    return dict(claims)


def _userinfo(metadata: dict[str, Any], access_token: str, subject: str) -> dict[str, Any]:
    endpoint = metadata.get("userinfo_endpoint")
    if not endpoint:
        return {}
    info = _get(endpoint, "userinfo", {"Authorization": f"Bearer {access_token}"})
    # OpenID Connect Core 5.3.2: userinfo about anyone else must not be used.
    if info.get("sub") != subject:
        raise SignInError("invalid_token", "userinfo names another subject")
    return info


def _text(value: Any, limit: int = 200) -> str:
    return str(value).strip()[:limit] if isinstance(value, str | int) else ""


def sign_in_complete(*, params: QueryDict, pending: dict[str, Any] | None) -> PortalIdentityClaims:
    """Finish the sign-in the browser came back from: verified claims, or ``SignInError``."""
    code = _check_return(params, pending)
    assert pending is not None
    issuer = pending["issuer"]
    metadata = provider_metadata(issuer)
    tokens = _tokens(metadata, code, pending)
    id_claims = _verified_id_token(issuer, metadata, tokens, pending["nonce"])
    subject = _text(id_claims.get("sub"), 255)
    if not subject:
        raise SignInError("invalid_token", "no subject")
    claims = {**id_claims, **_userinfo(metadata, tokens["access_token"], subject)}
    document = claims.get("document") if isinstance(claims.get("document"), dict) else {}
    return PortalIdentityClaims(
        issuer=issuer,
        subject=subject,
        given_name=_text(claims.get("given_name"), 150),
        family_name=_text(claims.get("family_name"), 150),
        email=_text(claims.get("email"), 150).lower(),
        email_verified=claims.get("email_verified") is True,
        birthdate=_text(claims.get("birthdate"), 10),
        nationality=_text(claims.get("nationality"), 3).upper(),
        document_type=_text(document.get("type"), 32),
        document_number=_text(document.get("number"), 64),
        document_issuing_state=_text(document.get("issuing_state"), 3).upper(),
        fin=_text(claims.get("fin"), 7).upper(),
    )
