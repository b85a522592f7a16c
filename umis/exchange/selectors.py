"""Reading the message log: what a member of staff may see of it, and the search."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.jurisdiction import district_ids_visible_to
from umis.accounts.models import User
from umis.cases.selectors import applications_visible_to
from umis.core.errors import ValidationFailed
from umis.exchange.models import ExchangeMessage, MessageOutcome

PAGE_SIZE = 50


def exchange_messages_visible_to(user: User) -> QuerySet[ExchangeMessage]:
    """National roles see the whole log; others the messages about applications of their
    districts (a message about something else is not theirs to see)."""
    if district_ids_visible_to(user) is None:
        return ExchangeMessage.objects.all()
    numbers = applications_visible_to(user).values("number")
    return ExchangeMessage.objects.filter(reference__in=numbers)


def _day_start(day: date) -> datetime:
    # Days are the Service's days (Asia/Baku), as the officer reads them on the page.
    return timezone.make_aware(datetime.combine(day, time.min))


def exchange_log_search(
    *,
    user: User,
    system: str = "",
    outcome: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    message_id: str = "",
    reference: str = "",
    page: int | str = 1,
) -> Page:
    """One page of the messages matching every filter given, newest first."""
    errors = {}
    if date_from and date_to and date_from > date_to:
        errors["date_to"] = _("The end date must not be before the start date.")
    if outcome and outcome not in MessageOutcome.values:
        errors["outcome"] = _("Choose one of the allowed values.")
    wanted_id = None
    if message_id.strip():
        try:
            wanted_id = uuid.UUID(message_id.strip())
        except ValueError:
            errors["message_id"] = _(
                "A message id looks like 0b7f3c1e-2f9a-4a55-9a43-1f0e8f3b8a10."
            )
    if errors:
        raise ValidationFailed(fields=errors)
    messages = exchange_messages_visible_to(user)
    if system:
        messages = messages.filter(system=system)
    if outcome:
        messages = messages.filter(outcome=outcome)
    if date_from:
        messages = messages.filter(created_at__gte=_day_start(date_from))
    if date_to:
        messages = messages.filter(created_at__lt=_day_start(date_to + timedelta(days=1)))
    if wanted_id is not None:
        messages = messages.filter(message_id=wanted_id)
    if reference.strip():
        messages = messages.filter(reference=reference.strip().upper())
    return Paginator(messages.order_by("-created_at", "-id"), PAGE_SIZE).get_page(page)
