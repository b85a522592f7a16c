"""Writes on accounts: one use case, one function, one transaction."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.accounts.roles import perm
from umis.audit.services import audit_record
from umis.core.errors import PermissionDeniedError, ValidationFailed


def _delete_sessions_of(user: User) -> int:
    """Delete every live session that belongs to ``user``; returns how many.

    Sessions are opaque rows, so each one is decoded to find its owner. That is a full
    scan of the live sessions: fine for a staff of thousands, but at a larger scale keep a
    (user, session_key) table written at sign-in and delete through it instead.
    """
    owned = []
    live = Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500)
    for session in live:
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            owned.append(session.session_key)
    if owned:
        Session.objects.filter(session_key__in=owned).delete()
    return len(owned)


@transaction.atomic
def user_deactivate(*, user: User, by: User | None, reason: str) -> User:
    """Disable an account and end its sessions at once.

    Django's ModelBackend already refuses inactive users on their next request; deleting
    the sessions as well means nothing signed in with the old session survives, even a
    request that races the flag change. ``by`` is None only for the system itself.
    """
    if by is not None and not by.has_perm(perm.USERS_MANAGE):
        raise PermissionDeniedError(_("Only an administrator can disable an account."))
    if not reason.strip():
        raise ValidationFailed(fields={"reason": _("Say why the account is disabled.")})
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = _delete_sessions_of(user)
    audit_record(
        action="accounts.user_deactivate",
        target_type="user",
        target_id=user.pk,
        actor=by,
        reason=reason,
        details={"sessions_ended": ended},
    )
    return user
