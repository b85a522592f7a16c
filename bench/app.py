"""Django inside the benchmark process: set-up on the benchmark database, users, sessions.

The benchmark process prepares data with the project's own models (so that it follows the
schema as it changes) and then measures a separate web server process over HTTP.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from bench.pg import Database

CSRF_SECRET_LENGTH = 32  # django.middleware.csrf.CSRF_SECRET_LENGTH
_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def setup_django(database: Database) -> None:
    """Configure Django on ``database``; call once per process, before any model import."""
    os.environ["DATABASE_URL"] = database.url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    import django

    django.setup()


@dataclass(frozen=True)
class Cookies:
    """A signed-in browser's cookies: the session and the CSRF secret it echoes back."""

    session: str
    csrf: str

    def headers(self) -> dict[str, str]:
        return {
            "Cookie": f"sessionid={self.session}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
        }


def signed_in_cookies(user, *, otp_device=None) -> Cookies:
    """A session for ``user`` as ``django.contrib.auth.login`` would leave it.

    Portal users sign in with a password page that the benchmark does not measure; the
    session row is the same. ``otp_device`` marks the second factor as verified.
    """
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from umis.accounts.session_store import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "umis.accounts.backends.AccountBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if otp_device is not None:
        from django_otp import DEVICE_ID_SESSION_KEY

        store[DEVICE_ID_SESSION_KEY] = otp_device.persistent_id
    store.create()
    csrf = "".join(secrets.choice(_ALPHANUMERIC) for _ in range(CSRF_SECRET_LENGTH))
    return Cookies(session=store.session_key, csrf=csrf)


def create_applicants(count: int, *, prefix: str = "bench-applicant") -> list:
    """Portal applicants with a confirmed e-mail address (needed to apply and be notified)."""
    from django.utils import timezone

    from umis.accounts.models import User
    from umis.accounts.roles import Role

    now = timezone.now()
    users = [
        User(
            username=f"{prefix}-{i}",
            email=f"{prefix}-{i}@example.org",
            email_confirmed_at=now,
            first_name="Bench",
            last_name=f"Applicant {i}",
            role=Role.APPLICANT,
            preferred_language="en",
            password="!",  # noqa: S106 - unusable: nobody signs in with a password here
        )
        for i in range(count)
    ]
    User.objects.bulk_create(users, batch_size=5000)
    return list(User.objects.filter(username__startswith=f"{prefix}-").order_by("id"))


def close_django() -> None:
    """Close the benchmark process's connections, so that its database can be dropped."""
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: S110 - Django was never set up: nothing to close
        pass
