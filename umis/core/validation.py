"""Turning validation errors into {field: translated message} maps."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from umis.core.nul import nul_message

# The furthest a list of the API may be paged: past the end of any real list, and well
# inside the 64-bit integers both databases take for OFFSET.
OFFSET_MAX = 100_000_000


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "__all__"


def message_for(error: dict[str, Any]) -> str:
    """A translated message for one pydantic error; our own ValueErrors keep their text."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        # Raised by our validators with an already translated message.
        return str(ctx.get("error", error.get("msg", "")))
    if kind == "missing":
        return _("This field is required.")
    if kind in {"string_too_long"}:
        return _("Enter at most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind in {"string_too_short"}:
        return _("Enter at least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Enter a valid date.")
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return _("Enter a number.")
    if kind in {"enum", "literal_error"}:
        return _("Choose one of the allowed values.")
    if kind == "string_nul":
        return nul_message()
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("Enter a valid value.")


def fields_from_ninja_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        name = _field_name(error.get("loc", ()))
        fields.setdefault(name, message_for(error))
    return fields
