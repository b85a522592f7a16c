"""Sessions in the database, read on every signed-in request by one compiled statement.

Django's database store builds a queryset for each read; for a look-up by the session key
that costs more Python than the database takes to answer it. The read here is compiled
once per process (``umis.core.compiled_query``); the rows, writes and expiry are Django's.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from umis.core.compiled_query import CompiledQuery

_SESSION_BY_KEY = CompiledQuery(
    lambda key: (
        Session.objects.filter(session_key=key)
        .values_list("session_data", "expire_date")
        .order_by()
    )
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        # Never saved, refused, or not a key this store makes (letters and digits only; a
        # NUL could not even be sent to PostgreSQL): nothing to read.
        if not key or not (key.isascii() and key.isalnum()):
            self._session_key = None
            return None
        row = _SESSION_BY_KEY.first(key)
        if row is None or row[1] <= timezone.now():
            # As Django's store: a key that names no live session is forgotten.
            self._session_key = None
            return None
        return Session(session_key=key, session_data=row[0], expire_date=row[1])
