"""Fees, decision periods and dates said in plain words, in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from umis.core.calendar import SERVICE_TZ
from umis.eservices import catalogue
from umis.eservices.base import CALENDAR_DAYS, EService


def today() -> date:
    return timezone.localtime(timezone=SERVICE_TZ).date()


def long_date(value: date | None) -> str:
    """A date written out ("17 April 2026" in the reader's language)."""
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def manat(amount: Any) -> str:
    return _("%(amount)s manat") % {"amount": formats.number_format(amount)}


def fee_text(service: EService, *, on: date) -> str:
    low, high = catalogue.fee_range(service, on=on)
    if not high:
        return _("Free of charge")
    if low == high:
        return manat(low)
    return _("From %(low)s to %(high)s, depending on what you choose in the form") % {
        "low": manat(low),
        "high": manat(high),
    }


def period_text(days: int, unit: str) -> str:
    if unit == CALENDAR_DAYS:
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
    return ngettext("%(days)d working day", "%(days)d working days", days) % {"days": days}


def deadline_text(service: EService, *, on: date) -> str:
    days = sorted(set(catalogue.deadline_days(service, on=on).values()))
    unit = service.deadline.unit
    if len(days) == 1:
        return _("The Service decides within %(period)s after accepting your application.") % {
            "period": period_text(days[0], unit)
        }
    return _(
        "The Service decides within %(low)s to %(high)s after accepting your application, "
        "depending on the fee you choose."
    ) % {"low": period_text(days[0], unit), "high": period_text(days[-1], unit)}
