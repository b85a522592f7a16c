"""Sessions end after a stretch of inactivity, without a database write on every request.

Django can re-save the session on every request (``SESSION_SAVE_EVERY_REQUEST``) to push its
expiry forward; that is one more write and commit for every page and API call. Instead a
session that is in use is re-saved at most once per ``REFRESH_SECONDS``: the idle limit
(``SESSION_COOKIE_AGE``) then holds to within that minute, at a sixtieth of the writes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REFRESH_SECONDS = 60
STAMP_KEY = "_umis_refreshed"


class SessionIdleRefreshMiddleware:
    """Placed after SessionMiddleware, so that its save sees the refreshed stamp."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No session (a visitor who never signed in), or one being saved anyway.
        if session is None or session.modified or not session.session_key:
            return response
        last = int(session.get(STAMP_KEY, 0))  # reads the session if nothing did yet
        if not session.session_key:  # the cookie named no live session: nothing to keep
            return response
        now = int(time.time())
        if now - last >= REFRESH_SECONDS:
            session[STAMP_KEY] = now  # marks it modified: SessionMiddleware saves it
        return response
