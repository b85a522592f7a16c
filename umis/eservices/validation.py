"""Small validators shared by the service forms."""

from __future__ import annotations

import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationInfo

from umis.accounts.selectors import district_id_for_code
from umis.core.calendar import SERVICE_TZ
from umis.people.validation import nationality_error

# A tax identification number (VÖEN) of the tax service: ten digits.
TIN = re.compile(r"^\d{10}$")


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


def address_in_country(value: str) -> str:
    """A postal address in the country: where the person lives or stays."""
    if not value:
        raise ValueError(_("Address: enter the address of the place of stay."))
    if len(value) > 500:
        raise ValueError(_("Address: at most 500 characters."))
    return value


def district_code(value: str) -> str:
    """A district of the reference list: it decides which department handles the case."""
    if district_id_for_code(value) is None:
        raise ValueError(_("District: “%(code)s” is not a known district.") % {"code": value})
    return value
