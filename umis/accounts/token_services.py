"""Writes on API clients and tokens: one use case, one function, one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import ApiClient, ApiToken, Department, User
from umis.accounts.tokens import compose_token, hash_token, machine_scopes, new_prefix
from umis.audit.services import audit_record
from umis.core.errors import ValidationFailed


@transaction.atomic
def api_client_create(*, name: str, department: Department | None, by: User | None) -> ApiClient:
    """Register a machine client; ``department`` None gives it national reach."""
    name = name.strip()
    if not name:
        raise ValidationFailed(fields={"name": _("Enter a name for the client.")})
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationFailed(fields={"name": _("A client with this name already exists.")})
    client = ApiClient.objects.create(name=name, department=department)
    audit_record(
        action="accounts.api_client_create",
        target_type="api_client",
        target_id=client.pk,
        actor=by,
        details={"name": client.name, "department": department.code if department else None},
    )
    return client


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    cleaned = sorted({scope.strip() for scope in scopes if scope.strip()})
    if not cleaned:
        raise ValidationFailed(fields={"scopes": _("Choose at least one scope.")})
    unknown = [scope for scope in cleaned if scope not in machine_scopes()]
    if unknown:
        raise ValidationFailed(
            fields={
                "scopes": _("These scopes do not exist or are not for machines: %(scopes)s")
                % {"scopes": ", ".join(unknown)}
            }
        )
    return cleaned


@transaction.atomic
def api_token_issue(
    *,
    client: ApiClient,
    scopes: Iterable[str],
    expires_at: datetime | None,
    by: User | None,
) -> tuple[ApiToken, str]:
    """Issue a token; returns the row and the plaintext, which is never stored or shown again."""
    cleaned = _clean_scopes(scopes)
    if not client.is_active:
        raise ValidationFailed(fields={"client": _("This client is deactivated.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(fields={"expires_at": _("Choose a time in the future.")})

    prefix = new_prefix()
    while ApiToken.objects.filter(prefix=prefix).exists():  # 62**8 prefixes: rarely loops
        prefix = new_prefix()
    plaintext = compose_token(prefix)
    token = ApiToken.objects.create(
        client=client,
        prefix=prefix,
        secret_hash=hash_token(plaintext),
        scopes=cleaned,
        expires_at=expires_at,
    )
    audit_record(
        action="accounts.api_token_issue",
        target_type="api_token",
        target_id=token.pk,
        actor=by,
        # The prefix identifies the token to a reader; the secret never leaves this function.
        details={
            "client": client.name,
            "prefix": prefix,
            "scopes": cleaned,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User | None) -> ApiToken:
    """Revoke a token at once; revoking twice keeps the first time."""
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db(fields=["revoked_at"])
    if revoked:
        audit_record(
            action="accounts.api_token_revoke",
            target_type="api_token",
            target_id=token.pk,
            actor=by,
            details={"client": token.client.name, "prefix": token.prefix},
        )
    return token
