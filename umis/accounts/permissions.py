"""Declaring the permission an operation needs, next to the operation.

Pages:  ``@requires(perm.PERSON_VIEW)`` on a view function.
API:    ``@router.get(..., auth=office_auth(perm.PERSON_VIEW))`` on a ninja operation; staff
        come with a session and a verified second factor, machine clients with a scoped token.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.security import SessionAuth
from ninja.utils import check_csrf

from umis.accounts.tokens import presents_bearer_token
from umis.core.errors import PermissionDeniedError


def requires(
    permission: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            # The second factor is enforced by StaffSecondFactorMiddleware; checked again
            # here so that a view mounted outside /office/ cannot skip it.
            if not (user.is_authenticated and user.is_verified() and user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator


class StaffSessionAuth(SessionAuth):
    """A signed-in member of staff with a verified second factor and the permission."""

    def __init__(self, permission: str) -> None:
        super().__init__()
        self.permission = permission

    def __call__(self, request: HttpRequest) -> Any:
        # A machine client presents a token and no session: leave it to the token auth,
        # and spare it the browser-only CSRF check that would refuse every POST.
        if presents_bearer_token(request):
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise PermissionDeniedError(
                _("The security check of this page failed. Reload the page and try again."),
                code="csrf_failed",
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated or not getattr(user, "is_office_staff", False):
            return None
        if not user.is_verified():  # type: ignore[union-attr]
            return None
        if not user.has_perm(self.permission):
            raise PermissionDeniedError()
        return user


def office_auth(permission: str) -> list[Any]:
    """Who may call an office operation: staff with the permission, or a token scoped to it."""
    from umis.accounts.tokens import ApiTokenAuth

    return [StaffSessionAuth(permission), ApiTokenAuth(permission)]
