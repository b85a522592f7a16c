"""The e-government portal's sign-in (ASAN Login) as an OpenID Connect provider: a
simulator for the demo and tests, never production.

Enough of OpenID Connect Core and Discovery for the authorization code flow with PKCE:

- ``GET  .../egov/oidc/.well-known/openid-configuration`` the discovery document;
- ``GET  .../egov/oidc/jwks`` the public key the tokens are signed with (ES256, P-256),
  derived from the simulators' demo secret as the other simulators' keys are;
- ``GET  .../egov/oidc/authorize`` a page to choose one of the demo persons and agree to
  share their data (or cancel); it redirects back with a single-use code, or with
  ``error=access_denied``;
- ``POST .../egov/oidc/token`` the code for an ID token and an access token: the client's
  secret (HTTP Basic or in the form), the PKCE verifier (S256) and the redirect URI are
  checked; a code expires after a minute and works once;
- ``GET  .../egov/oidc/userinfo`` the person's claims for a bearer access token.

The one client it knows is UMIS itself (``UMIS_EGOV_OIDC_CLIENT_ID`` and ``..._SECRET``),
whose redirect URI may be on any host the demo is served at, as long as its path is the
portal's callback. The issuer is this server's address as the caller reached it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core.util import create_half_hash
from cryptography.hazmat.primitives.asymmetric import ec
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from umis.exchange.models import SimulatedSignInCode
from umis.exchange.simulators.egov_people import PortalPerson, portal_people, portal_person

ALGORITHM = "ES256"
SCOPES_SUPPORTED = ("openid", "profile", "email", "document")
CODE_SECONDS = 60
TOKEN_SECONDS = 300
# The order of the P-256 group: a private key is a number from 1 to this minus one.
_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def signing_key() -> ECKey:
    """The simulator's P-256 key, derived from the demo secret (never in production)."""
    seed = getattr(settings, "UMIS_EXCHANGE_SIMULATOR_SEED", "")
    if not (settings.UMIS_SIMULATORS and seed):
        raise ImproperlyConfigured("Simulator keys exist only where the simulators run")
    digest = hashlib.sha256(f"umis-simulator-key|{seed}|egov-oidc".encode()).digest()
    private = ec.derive_private_key(
        int.from_bytes(digest, "big") % (_P256_ORDER - 1) + 1, ec.SECP256R1()
    )
    key = ECKey.import_key(private)
    return ECKey.import_key(key.as_dict(private=True), {"kid": key.thumbprint()})


def issuer_of(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("simulators:egov-oidc-jwks")).removesuffix("/jwks")


def sign(claims: dict[str, Any], *, typ: str = "JWT") -> str:
    key = signing_key()
    return jwt.encode({"alg": ALGORITHM, "kid": key.kid, "typ": typ}, claims, key)


@require_GET
def discovery(request: HttpRequest) -> JsonResponse:
    issuer = issuer_of(request)
    return JsonResponse(
        {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "jwks_uri": f"{issuer}/jwks",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [ALGORITHM],
            "scopes_supported": list(SCOPES_SUPPORTED),
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "sub",
                "given_name",
                "family_name",
                "name",
                "birthdate",
                "email",
                "email_verified",
                "nationality",
                "document",
                "fin",
            ],
        }
    )


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    key = signing_key()
    public = {**key.as_dict(private=False), "kid": key.kid, "use": "sig", "alg": ALGORITHM}
    return JsonResponse({"keys": [public]})


# --- The authorization endpoint: the page a person signs in and agrees on ------------------


class AuthorizationProblem(Exception):
    """A request the simulator cannot send back to the client (unknown client or redirect
    URI): it is shown on the page instead, as a real provider does."""


AUTHORIZE_PARAMETERS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
)


def _callback_path() -> str:
    return reverse("portal:egov_callback")


def _check_client(params: dict[str, str]) -> None:
    if not hmac.compare_digest(params.get("client_id", ""), settings.UMIS_EGOV_OIDC_CLIENT_ID):
        raise AuthorizationProblem("unknown client_id")
    target = urlsplit(params.get("redirect_uri", ""))
    if target.scheme not in {"http", "https"} or target.path != _callback_path() or target.query:
        raise AuthorizationProblem("redirect_uri is not registered for this client")


def _redirect_error(params: dict[str, str]) -> str:
    """The OAuth error to send back to the client for these parameters ("" if none)."""
    if params.get("response_type") != "code":
        return "unsupported_response_type"
    if "openid" not in params.get("scope", "").split():
        return "invalid_scope"
    if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
        return "invalid_request"
    return ""


def _back_to_client(params: dict[str, str], **answer: str) -> HttpResponseRedirect:
    query = {**answer, "state": params.get("state", ""), "iss": params["issuer"]}
    return HttpResponseRedirect(f"{params['redirect_uri']}?{urlencode(query)}")


class ChooseForm(forms.Form):
    person = forms.ChoiceField(
        label=_("Who is signing in?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who is signing in.")},
    )

    def __init__(self, people: list[PortalPerson], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.key, _person_label(p)) for p in people]


NOTES = {
    "link": _("has an account on this site with a password: try linking"),
    "staff": _("a member of staff: refused"),
}


def _person_label(person: PortalPerson) -> str:
    label = f"{person.given_name} {person.family_name}, {person.birthdate}"
    if person.note:
        label += f" ({NOTES[person.note]})"
    return label


def _new_code(params: dict[str, str], person: PortalPerson) -> str:
    code = secrets.token_urlsafe(32)
    SimulatedSignInCode.objects.create(
        code_hash=hashlib.sha256(code.encode()).hexdigest(),
        client_id=params["client_id"],
        redirect_uri=params["redirect_uri"],
        code_challenge=params["code_challenge"],
        nonce=params.get("nonce", ""),
        scope=" ".join(s for s in params["scope"].split() if s in SCOPES_SUPPORTED),
        person_key=person.key,
        expires_at=timezone.now() + timedelta(seconds=CODE_SECONDS),
    )
    return code


@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    params = {name: source.get(name, "") for name in AUTHORIZE_PARAMETERS}
    try:
        _check_client(params)
    except AuthorizationProblem as exc:
        return render(
            request, "exchange/egov_sign_in_refused.html", {"problem": str(exc)}, status=400
        )
    params["issuer"] = issuer_of(request)
    error = _redirect_error(params)
    if error:
        return _back_to_client(params, error=error)
    people = portal_people()
    form = ChooseForm(people, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if "cancel" in request.POST:
            return _back_to_client(params, error="access_denied")
        if form.is_valid():
            person = portal_person(form.cleaned_data["person"])
            if person is not None:
                return _back_to_client(params, code=_new_code(params, person))
    hidden = {name: params[name] for name in AUTHORIZE_PARAMETERS}
    return render(
        request,
        "exchange/egov_sign_in.html",
        {"form": form, "hidden": hidden, "scopes": params["scope"].split(), "people": people},
    )


# --- The back channel: token and userinfo ------------------------------------------------


def _oauth_error(error: str, status: int = 400, description: str = "") -> JsonResponse:
    body = {"error": error}
    if description:
        body["error_description"] = description
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _client_credentials(request: HttpRequest) -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            decoded = base64.b64decode(header[6:]).decode()
        except (ValueError, UnicodeDecodeError):
            return "", ""
        client_id, _sep, secret = decoded.partition(":")
        return client_id, secret
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")


def _client_authenticated(request: HttpRequest) -> bool:
    client_id, secret = _client_credentials(request)
    return hmac.compare_digest(client_id, settings.UMIS_EGOV_OIDC_CLIENT_ID) & hmac.compare_digest(
        secret, settings.UMIS_EGOV_OIDC_CLIENT_SECRET
    )


def _redeem(code: str) -> SimulatedSignInCode | None:
    """The code's grant, marked used in the same statement: a second exchange finds none."""
    code_hash = hashlib.sha256(code.encode()).hexdigest()
    now = timezone.now()
    with transaction.atomic():
        taken = SimulatedSignInCode.objects.filter(
            code_hash=code_hash, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        return SimulatedSignInCode.objects.get(code_hash=code_hash) if taken else None


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    if not _client_authenticated(request):
        return _oauth_error("invalid_client", 401)
    if request.POST.get("grant_type") != "authorization_code":
        return _oauth_error("unsupported_grant_type")
    grant = _redeem(request.POST.get("code", ""))
    if grant is None:
        return _oauth_error("invalid_grant", description="the code is unknown, used or expired")
    if grant.redirect_uri != request.POST.get("redirect_uri", ""):
        return _oauth_error("invalid_grant", description="redirect_uri differs")
    verifier = request.POST.get("code_verifier", "")
    if not 43 <= len(verifier) <= 128 or not hmac.compare_digest(
        create_s256_code_challenge(verifier), grant.code_challenge
    ):
        return _oauth_error("invalid_grant", description="the PKCE verifier does not match")
    person = portal_person(grant.person_key)
    if person is None:
        return _oauth_error("invalid_grant", description="the person is no longer known")
    issuer, now = issuer_of(request), int(time.time())
    scopes = set(grant.scope.split())
    access_token = sign(
        {
            "iss": issuer,
            "aud": f"{issuer}/userinfo",
            "sub": person.subject,
            "client_id": grant.client_id,
            "scope": grant.scope,
            "person": person.key,
            "iat": now,
            "exp": now + TOKEN_SECONDS,
            "jti": secrets.token_hex(16),
        },
        typ="at+jwt",
    )
    # The ID token names the person; the document and FIN come from userinfo only.
    identity = person.claims(scopes - {"document"})
    id_token = sign(
        {
            **identity,
            "iss": issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + TOKEN_SECONDS,
            "auth_time": now,
            "amr": ["asan-login"],
            "at_hash": create_half_hash(access_token, ALGORITHM).decode(),
            **({"nonce": grant.nonce} if grant.nonce else {}),
        }
    )
    response = JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "scope": grant.scope,
            "id_token": id_token,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def userinfo(request: HttpRequest) -> JsonResponse:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return _oauth_error("invalid_token", 401)
    issuer = issuer_of(request)
    try:
        decoded = jwt.decode(header[7:], signing_key(), algorithms=[ALGORITHM])
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": f"{issuer}/userinfo"},
            exp={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError):
        return _oauth_error("invalid_token", 401)
    person = portal_person(str(decoded.claims.get("person", "")))
    if person is None:
        return _oauth_error("invalid_token", 401)
    return JsonResponse(person.claims(set(str(decoded.claims.get("scope", "")).split())))
