"""Reading the audit log: the auditor's search."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.models import AuditEntry
from umis.core.errors import ValidationFailed

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _day_start(day: date) -> datetime:
    # Days are the Service's days (Asia/Baku), as the auditor reads them on the page.
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries_matching(
    *,
    actor: str = "",
    action: str = "",
    target_type: str = "",
    target_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    outcome: str = "",
) -> QuerySet[AuditEntry]:
    """Entries matching every filter given, newest first.

    ``actor`` is a user name, or a number for a user's or API client's id; ``action``
    ending in ".*" matches a whole area ("person.*"); dates are inclusive.
    """
    if date_from and date_to and date_from > date_to:
        raise ValidationFailed(
            fields={"date_to": _("The end date must not be before the start date.")}
        )
    if outcome and outcome not in AuditEntry.Outcome.values:
        raise ValidationFailed(fields={"outcome": _("Choose one of the allowed values.")})
    entries = AuditEntry.objects.all()
    actor = actor.strip()
    if actor:
        by_name = Q(actor_username=actor)
        entries = entries.filter(by_name | Q(actor_id=int(actor)) if actor.isdigit() else by_name)
    action = action.strip()
    if action.endswith(".*"):
        entries = entries.filter(action__startswith=action[:-1])
    elif action:
        entries = entries.filter(action=action)
    if target_type.strip():
        entries = entries.filter(target_type=target_type.strip())
    if target_id.strip():
        entries = entries.filter(target_id=target_id.strip())
    if date_from:
        entries = entries.filter(occurred_at__gte=_day_start(date_from))
    if date_to:
        entries = entries.filter(occurred_at__lt=_day_start(date_to + timedelta(days=1)))
    if outcome:
        entries = entries.filter(outcome=outcome)
    return entries.order_by("-seq")


def audit_search(
    *,
    actor: str = "",
    action: str = "",
    target_type: str = "",
    target_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    outcome: str = "",
    page: int | str = 1,
    page_size: int = PAGE_SIZE,
) -> Page:
    """One page of matching entries; a page number past the end gives the last page."""
    entries = audit_entries_matching(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target_id,
        date_from=date_from,
        date_to=date_to,
        outcome=outcome,
    )
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    return Paginator(entries, page_size).get_page(page)
