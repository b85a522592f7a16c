"""Portal accounts and the e-government portal's identities (single sign-on).

On return from the portal, with verified claims, the account is:

1. the one already linked to the portal's subject identifier; or
2. an existing portal account with the same e-mail address, which is linked only after
   its holder signs in with its password once (``portal_identity_link``): the portal's
   word that the address is theirs is not enough to take over an account; or
3. a new applicant's account made from the claims (names, e-mail, and on the identity:
   birth date, document, FIN), with no password of its own.

Staff accounts never sign in this way, whatever the portal says: they sign in on the office
page with their password and a one-time code. Every sign-in, link, new account and refusal
is in the audit log, with no personal data beyond the account's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from umis.accounts.egov_oidc import PortalIdentityClaims
from umis.accounts.models import PortalIdentity, User
from umis.accounts.roles import Role
from umis.audit.services import audit_record
from umis.cases.api_auth import PORTAL_ROLES

METHOD = "egov"


class PortalSignInRefused(Exception):
    """The portal vouched for the person but this account may not be signed in this way.

    Reasons: ``staff`` (a member of staff's account), ``inactive`` (a disabled account),
    ``email_taken`` (the address belongs to an account that cannot be linked: the portal
    does not vouch for the address, or the account is linked to another portal identity),
    ``no_email`` (the portal shared no e-mail address).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinkNeeded:
    """An account with the portal's verified e-mail exists: its password must confirm."""

    user: User


def _identity_fields(claims: PortalIdentityClaims) -> dict[str, object]:
    birth = claims.birth_date
    year = int(claims.birthdate[:4]) if claims.birthdate[:4].isdigit() else None
    return {
        "birth_date": birth,
        "birth_year": birth.year if birth else year,
        "nationality": claims.nationality,
        "document_type": claims.document_type,
        "document_number": claims.document_number,
        "document_issuing_state": claims.document_issuing_state,
        "fin": claims.fin,
        "last_sign_in_at": timezone.now(),
    }


def _audit_sign_in(user: User, request: HttpRequest | None) -> None:
    audit_record(
        action="account.sign_in",
        target_type="user",
        target_id=str(user.pk),
        request=request,
        actor=user,
        details={"method": METHOD},
    )


def _refuse(reason: str, user: User | None, request: HttpRequest | None) -> PortalSignInRefused:
    """Record the refusal (committed on its own: the caller raises and rolls back)."""
    with transaction.atomic():
        audit_record(
            action="account.sign_in",
            target_type="user",
            target_id=str(user.pk) if user is not None else "",
            request=request,
            outcome="denied",
            details={"method": METHOD, "reason": reason},
        )
    return PortalSignInRefused(reason)


def _may_sign_in(user: User, request: HttpRequest | None) -> None:
    if user.role not in PORTAL_ROLES or user.is_office_staff or user.is_staff or user.is_superuser:
        raise _refuse("staff", user, request)
    if not user.is_active:
        raise _refuse("inactive", user, request)


def _account_with_email(email: str) -> User | None:
    return (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk")
        .first()
    )


def portal_identity_sign_in(
    *, claims: PortalIdentityClaims, language: str, request: HttpRequest | None = None
) -> User | LinkNeeded:
    """The account to sign in for these verified claims (linked or created), or the
    existing account whose password must confirm the link. Raises ``PortalSignInRefused``."""
    identity = (
        PortalIdentity.objects.select_related("user")
        .filter(issuer=claims.issuer, subject=claims.subject)
        .first()
    )
    if identity is not None:
        _may_sign_in(identity.user, request)
        with transaction.atomic():
            PortalIdentity.objects.filter(pk=identity.pk).update(**_identity_fields(claims))
            _audit_sign_in(identity.user, request)
        return identity.user
    if not claims.email:
        raise _refuse("no_email", None, request)
    existing = _account_with_email(claims.email)
    if existing is not None:
        _may_sign_in(existing, request)
        linked_elsewhere = PortalIdentity.objects.filter(
            user=existing, issuer=claims.issuer
        ).exists()
        if not claims.email_verified or linked_elsewhere:
            raise _refuse("email_taken", existing, request)
        return LinkNeeded(existing)
    return _account_create(claims=claims, language=language, request=request)


def _account_create(
    *, claims: PortalIdentityClaims, language: str, request: HttpRequest | None
) -> User:
    user = User(
        username=claims.email,
        email=claims.email,
        role=Role.APPLICANT,
        first_name=claims.given_name,
        last_name=claims.family_name,
        preferred_language=language,
        email_confirmed_at=timezone.now() if claims.email_verified else None,
    )
    user.set_unusable_password()  # signs in through the portal until they choose otherwise
    try:
        with transaction.atomic():
            user.save()
            PortalIdentity.objects.create(
                user=user, issuer=claims.issuer, subject=claims.subject, **_identity_fields(claims)
            )
            audit_record(
                action="account.sign_up",
                target_type="user",
                target_id=str(user.pk),
                request=request,
                actor=user,
                details={"role": Role.APPLICANT, "method": METHOD},
            )
            _audit_sign_in(user, request)
    except IntegrityError:
        # The same person came back twice at once: the other request made the account.
        raise _refuse("email_taken", None, request) from None
    return user


def portal_identity_link(
    *, user: User, claims: PortalIdentityClaims, request: HttpRequest | None = None
) -> User:
    """Link the portal identity to ``user``, whose holder has just proved their password,
    and sign them in; the portal's verification of the address confirms it here too."""
    _may_sign_in(user, request)
    try:
        with transaction.atomic():
            PortalIdentity.objects.create(
                user=user, issuer=claims.issuer, subject=claims.subject, **_identity_fields(claims)
            )
            if user.email_confirmed_at is None and claims.email_verified:
                user.email_confirmed_at = timezone.now()
                user.save(update_fields=["email_confirmed_at"])
            audit_record(
                action="account.portal_identity_link",
                target_type="user",
                target_id=str(user.pk),
                request=request,
                actor=user,
                details={"method": METHOD},
            )
            _audit_sign_in(user, request)
    except IntegrityError:
        raise _refuse("email_taken", user, request) from None
    return user


def portal_sign_in_failure_record(*, reason: str, request: HttpRequest | None = None) -> None:
    """A sign-in this browser started that the portal's answer did not complete."""
    with transaction.atomic():
        audit_record(
            action="account.sign_in",
            target_type="user",
            target_id="",
            request=request,
            outcome="failure",
            details={"method": METHOD, "reason": reason},
        )
