"""The account under which the Service acts by itself (automatic decisions).

It has no usable password and no second factor, so nobody can sign in as it; its rows in
the history and the audit log say plainly that no person decided.
"""

from __future__ import annotations

from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.core.process_cache import ProcessCache

SYSTEM_USERNAME = "umis-system"


# Read once per process (cleared when any account is saved: umis.core.process_cache).
_cached = ProcessCache(seconds=3600, models=("accounts.User",))


def system_actor() -> User:
    return _cached.get(SYSTEM_USERNAME, _system_actor)


def _system_actor() -> User:
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"role": Role.SYSTEM, "first_name": "UMIS"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
