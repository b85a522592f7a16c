"""Small validators shared by the service forms."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from pydantic import ValidationInfo

from umis.core.calendar import SERVICE_TZ
from umis.people.validation import nationality_error


def today_from(info: ValidationInfo) -> date:
    """The day the form is judged on: the context's ``today`` or today in Asia/Baku."""
    context = info.context or {}
    return context.get("today") or timezone.localtime(timezone=SERVICE_TZ).date()


def nationality(value: str, *, label: str) -> str:
    """An ISO 3166-1 alpha-3 code or an ICAO X code, checked like a person's nationality."""
    code = (value or "").strip().upper()
    problem = nationality_error(code, field_label=label)
    if problem:
        raise ValueError(problem)
    return code
