"""The applicant's account for an application the e-government portal hands over.

The same accounts as single sign-on (``umis.portal.egov_services``): the account linked to
the portal's subject identifier, or, for a person the portal vouches for who has none, a
new applicant's account made from the portal's identity and linked to it. An existing
account with the same e-mail address that is not linked is never taken over by a
hand-over: its holder links it by signing in through the portal once (and proving their
password there). Staff accounts never apply this way.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.egov_oidc import configured_issuer
from umis.accounts.models import PortalIdentity, User
from umis.accounts.roles import Role
from umis.audit.services import audit_record
from umis.cases.api_auth import PORTAL_ROLES
from umis.core.errors import Conflict, PermissionDeniedError

METHOD = "egov_handover"


def _identity_fields(identity: dict[str, Any]) -> dict[str, Any]:
    birth = identity.get("birth_date")
    return {
        "birth_date": birth,
        "birth_year": birth.year if birth else None,
        "nationality": identity.get("nationality", ""),
        "document_number": identity.get("document_number", ""),
        "fin": identity.get("fin", ""),
    }


def _may_apply(user: User) -> None:
    staff = user.is_office_staff or user.is_staff or user.is_superuser
    if staff or user.role not in PORTAL_ROLES or not user.is_active:
        raise PermissionDeniedError(
            _("This account cannot receive applications from the portal."),
            code="account_not_allowed",
        )


def portal_account_for_handover(*, request: HttpRequest, identity: dict[str, Any]) -> User:
    """The account the handed-over application is the applicant's (call in a transaction)."""
    issuer = configured_issuer(request)
    link = (
        PortalIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=identity["subject"])
        .first()
    )
    if link is not None:
        _may_apply(link.user)
        return link.user
    email = identity["email"].strip().lower()
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        raise Conflict(
            _(
                "An account with this e-mail address exists and is not linked to the portal: "
                "its holder must sign in to UMIS through the portal once to link it."
            ),
            code="account_link_needed",
        )
    user = User(
        username=email,
        email=email,
        role=Role.APPLICANT,
        first_name=identity["given_names"],
        last_name=identity["surname"],
        email_confirmed_at=timezone.now() if identity["email_verified"] else None,
    )
    user.set_unusable_password()  # signs in through the portal, as single sign-on makes it
    try:
        with transaction.atomic():
            user.save()
            PortalIdentity.objects.create(
                user=user, issuer=issuer, subject=identity["subject"], **_identity_fields(identity)
            )
    except IntegrityError:
        raise Conflict(
            _("The portal handed over for this person at the same moment; send it again."),
            code="account_race",
        ) from None
    audit_record(
        action="account.sign_up",
        target_type="user",
        target_id=str(user.pk),
        actor=user,
        request=request,
        details={"role": Role.APPLICANT, "method": METHOD},
    )
    return user
