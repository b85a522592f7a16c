"""Domain errors carry a stable code, a translated message and per-field messages.

The API turns them into one shape: {"error": {"code", "message", "fields": {...}}}.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str | None = None, *, fields: dict[str, str] | None = None):
        self.message = message or _("The request could not be processed.")
        self.fields = fields or {}
        super().__init__(self.message)


class ValidationFailed(DomainError):
    status = 422
    code = "validation_error"

    def __init__(self, fields: dict[str, str], message: str | None = None):
        super().__init__(message or _("Some fields need your attention."), fields=fields)


class NotFound(DomainError):
    status = 404
    code = "not_found"


class PermissionDeniedError(DomainError):
    status = 403
    code = "forbidden"


class Conflict(DomainError):
    status = 409
    code = "conflict"
