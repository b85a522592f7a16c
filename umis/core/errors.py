"""Domain errors carry a stable code, a translated message and per-field messages.

The API turns them into one shape: {"error": {"code", "message", "fields": {...}}}.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str | None = None,
        *,
        fields: dict[str, str] | None = None,
        code: str | None = None,
    ):
        self.message = message or self.default_message()
        self.fields = fields or {}
        if code is not None:
            self.code = code
        super().__init__(self.message)

    def default_message(self) -> str:
        return _("The request could not be processed.")


class ValidationFailed(DomainError):
    status = 422
    code = "validation_error"

    def __init__(self, fields: dict[str, str], message: str | None = None):
        super().__init__(message or _("Some fields need your attention."), fields=fields)


class NotFound(DomainError):
    status = 404
    code = "not_found"

    def default_message(self) -> str:
        return _("Not found.")


class PermissionDeniedError(DomainError):
    status = 403
    code = "forbidden"

    def default_message(self) -> str:
        return _("You do not have permission to do this.")


class Conflict(DomainError):
    status = 409
    code = "conflict"

    def default_message(self) -> str:
        return _("Someone else changed this at the same time. Reload and try again.")
