"""Portal accounts: sign-up and e-mail confirmation.

The confirmation link carries a signed, timestamped token naming the account and the
address it was sent to; it expires, and it stops working if the address changes. The
e-mail itself leaves through a task (never inside the request's transaction).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.audit.services import audit_record
from umis.core.errors import ValidationFailed
from umis.portal.tasks import send_account_email

# Roles one may choose when signing up; employers' representatives are set up by the Service.
SIGN_UP_ROLES = (Role.APPLICANT, Role.HOST)
CONFIRM_SALT = "umis.portal.email-confirmation"
EMAIL_MAX = 150  # the e-mail doubles as the username, which Django caps at 150


def confirmation_max_age() -> int:
    """Seconds a confirmation link stays valid (three days unless configured)."""
    return int(getattr(settings, "UMIS_EMAIL_CONFIRM_SECONDS", 3 * 24 * 3600))


def confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=CONFIRM_SALT)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _account_exists(email: str) -> bool:
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


@transaction.atomic
def portal_account_create(
    *,
    email: str,
    password: str,
    role: str,
    first_name: str,
    last_name: str,
    language: str,
    base_url: str,
    request: HttpRequest | None = None,
) -> User | None:
    """A new, unconfirmed portal account, and the e-mail with its confirmation link.

    When the address already has an account nothing is created and that address gets a
    note instead: the page answers the same either way, so nobody learns from it who has
    an account. Returns the new user, or None.
    """
    email = normalise_email(email)
    if role not in SIGN_UP_ROLES:
        raise ValidationFailed(fields={"role": _("Choose who you are applying as.")})
    user = User(
        username=email,
        email=email,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        preferred_language=language,
    )
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationFailed(fields={"password1": " ".join(exc.messages)}) from None
    # Checked after the password, so a weak password is refused whether or not the
    # address has an account: the answer must not depend on it.
    if _account_exists(email):
        existing = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
        if existing is not None and existing.email:
            send_account_email.enqueue(existing.pk, "already_registered", base_url)
        return None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return None  # the same address signed up a moment ago, in another request
    audit_record(
        action="account.sign_up",
        target_type="user",
        target_id=str(user.pk),
        request=request,
        actor=user,
        details={"role": role},
    )
    send_account_email.enqueue(user.pk, "confirm", base_url)
    return user


@transaction.atomic
def portal_email_confirm(*, token: str, request: HttpRequest | None = None) -> User | None:
    """Confirm the address the token was issued for; None when the link is not valid
    (expired, altered, or the address has changed since)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_max_age())
    except signing.BadSignature:  # SignatureExpired is one of these
        return None
    user = User.objects.select_for_update().filter(pk=data.get("u")).first()
    if user is None or user.email.lower() != data.get("e"):
        return None
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        audit_record(
            action="account.email_confirm",
            target_type="user",
            target_id=str(user.pk),
            request=request,
            actor=user,
        )
    return user


@transaction.atomic
def portal_confirmation_resend(*, user: User, base_url: str) -> bool:
    """Queue a new confirmation link; False when the address is confirmed already."""
    if user.email_confirmed_at is not None or not user.email:
        return False
    send_account_email.enqueue(user.pk, "confirm", base_url)
    return True
