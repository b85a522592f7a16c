"""Who may call the applicant operations: a signed-in portal user.

Portal users sign in with a password only (no second factor, unlike staff); the browser's
session cookie is checked together with the CSRF token, as ninja's session auth does.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth

from umis.accounts.roles import Role
from umis.core.errors import PermissionDeniedError

PORTAL_ROLES = frozenset({Role.APPLICANT, Role.HOST, Role.EMPLOYER_REP})


class ApplicantSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        if user.role not in PORTAL_ROLES:
            # Staff have the office API; the portal is for applying on one's own behalf.
            raise PermissionDeniedError()
        return user
