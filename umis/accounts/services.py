"""Writes on accounts: one use case, one function, one transaction."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from umis.accounts.models import User


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
    request that races the flag change.
    """
    user.is_active = False
    user.save(update_fields=["is_active"])
    _delete_sessions_of(user)
    # TODO(audit): write the audit row ("accounts.user_deactivate", actor=by, target=user,
    # reason) here, inside this transaction, once the audit service is available.
    return user
