"""Machine clients: hashed, scoped API tokens.

A token reads ``umis_<prefix>_<secret>``. The prefix (8 characters) is not secret: it finds
the row and is shown to administrators so that a leaked token can be recognised and
revoked. The secret carries 256 bits from ``secrets``; only a SHA-256 hash of the whole
token is stored, and the plaintext is shown once, at issue.

Why a plain SHA-256 and not a slow password hash: slow hashes exist to make guessing
low-entropy passwords expensive. A 256-bit random secret cannot be guessed at any speed,
so a fast hash is just as safe, keeps every API call cheap, and (unlike a keyed HMAC)
does not tie every issued token to a server key that may have to be rotated.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from umis.accounts.models import ApiClient, ApiToken
from umis.accounts.roles import perm
from umis.core.errors import PermissionDeniedError

TOKEN_PREFIX = "umis"  # noqa: S105 - a label, not a secret
PREFIX_LENGTH = 8
SECRET_LENGTH = 43  # 43 characters of a 62-letter alphabet: just over 256 bits
_ALPHABET = string.ascii_letters + string.digits
# Writing last_used_at on every call would turn each read into a write; once a minute is
# enough to tell an administrator which tokens are still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)

# Permissions a token can never carry: acting as an applicant, or managing accounts,
# always needs a person.
_NOT_FOR_MACHINES = {perm.APPLY_SELF, perm.APPLY_AS_HOST, perm.APPLY_AS_EMPLOYER, perm.USERS_MANAGE}


def machine_scopes() -> frozenset[str]:
    """Every permission declared in ``roles.perm`` that a machine client may be given."""
    declared = {
        value for name, value in vars(perm).items() if name.isupper() and isinstance(value, str)
    }
    return frozenset(declared - _NOT_FOR_MACHINES)


def _random(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def new_prefix() -> str:
    return _random(PREFIX_LENGTH)


def compose_token(prefix: str) -> str:
    return f"{TOKEN_PREFIX}_{prefix}_{_random(SECRET_LENGTH)}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def split_token(token: str) -> str | None:
    """The prefix of a well-formed token, or None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    prefix, secret = parts[1], parts[2]
    if len(prefix) != PREFIX_LENGTH or len(secret) != SECRET_LENGTH:
        return None
    return prefix


def token_is_usable(token: ApiToken, *, now: Any = None) -> bool:
    now = now or timezone.now()
    if token.revoked_at is not None:
        return False
    if token.expires_at is not None and token.expires_at <= now:
        return False
    return token.client.is_active


def find_token(plaintext: str) -> ApiToken | None:
    """The usable token row matching ``plaintext``, whatever its scopes; None otherwise."""
    prefix = split_token(plaintext)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("client__department").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(plaintext)):
        return None
    if not token_is_usable(token):
        return None
    return token


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A single UPDATE with a guard, not save(): no read-modify-write race, no signals.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def presents_bearer_token(request: HttpRequest) -> bool:
    """Whether the request authenticates as a machine client, by the same rule as
    ``HttpBearer``: the scheme word compared without regard to case."""
    scheme, _, _ = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer"


class ApiTokenAuth(HttpBearer):
    """A bearer token that is live and carries ``scope`` (None: any live token).

    An unknown, revoked or expired token, or one of a deactivated client, is simply not
    authenticated (401, without saying which); a live token without the scope is refused
    with 403.
    """

    def __init__(self, scope: str | None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        found = find_token(token)
        if found is None:
            return None
        if self.scope is not None and self.scope not in found.scopes:
            raise PermissionDeniedError()
        _touch(found)
        request.api_client = found.client  # type: ignore[attr-defined]
        request.api_token = found  # type: ignore[attr-defined]
        return found.client
