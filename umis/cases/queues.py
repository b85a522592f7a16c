"""The officer's work queues: what is new, mine, due soon, overdue, waiting for my approval.

Every queue is a condition on ``applications_visible_to(user)``, so jurisdiction is the
same as everywhere else in the office. The tab counts come from one query (conditional
aggregation); a page of a queue is one query with its related rows joined, whatever the
page size. "Today" is a parameter: the Service's day in Asia/Baku by default, a fixed day
in tests, so deadlines can be checked around holidays without patching the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from umis.accounts.models import User
from umis.accounts.roles import perm
from umis.audit.services import audit_record, audited_transaction
from umis.cases.models import Application
from umis.cases.selectors import applications_visible_to
from umis.cases.states import OPEN, Flag, Status
from umis.core.calendar import SERVICE_TZ, default_years, national_calendar
from umis.core.policy import policy_value
from umis.eservices import registry

PAGE_SIZE = 50
DUE_SOON_POLICY = "office.due_soon_working_days"
QUERY_MAX = 100
UNASSIGNED = "none"

# The tabs, in the order an officer works them; "all" is every application in reach.
QUEUES: dict[str, Any] = {
    "all": _("All"),
    "new": _("New"),
    "mine": _("Assigned to me"),
    "due_soon": _("Due soon"),
    "overdue": _("Overdue"),
    "awaiting_my_approval": _("Awaiting my approval"),
}
DEFAULT_QUEUE = "all"

_NUMBER = re.compile(r"^(UMIS-\d{4}-)?[0-9A-Z]{8}$")
_NEVER = Q(pk__isnull=True)  # a condition no row meets, valid inside an aggregate filter


def service_today() -> date:
    """The Service's calendar day (Asia/Baku), whatever the server's time zone."""
    return timezone.localtime(timezone.now(), SERVICE_TZ).date()


def due_soon_until(today: date) -> date:
    """The last day that still counts as "due soon" when the queue is read on ``today``."""
    n = int(policy_value(DUE_SOON_POLICY, on=today))
    # The calendar is cached for one span of years at a time: ask for the same span as
    # the rest of the system unless ``today`` (a test's fixed day) lies outside it.
    years = default_years()
    if today.year not in years or today.year + 1 not in years:
        years = range(today.year - 1, today.year + 4)
    return national_calendar(years=years).add_working_days(today, n)


@dataclass(frozen=True)
class QueueFilters:
    service: str = ""
    status: str = ""
    district: int | None = None
    assigned: str = ""  # "" any, UNASSIGNED, or a user's id
    flag: str = ""
    submitted_from: date | None = None
    submitted_to: date | None = None
    query: str = ""

    def as_audit(self) -> dict[str, Any]:
        """What was asked, for the audit log (dates as text, empty filters left out)."""
        out = {}
        for name, value in self.__dict__.items():
            if value in (None, ""):
                continue
            out[name] = value.isoformat() if isinstance(value, date) else value
        return out


def _open() -> Q:
    return Q(status__in=sorted(OPEN))


def queue_conditions(*, user: User, today: date) -> dict[str, Q]:
    """The condition of each queue for ``user`` on ``today``."""
    soon = due_soon_until(today)
    if user.has_perm(perm.CASE_APPROVE):
        # Four eyes: a decision I proposed is for someone else to confirm.
        awaiting = Q(status=Status.AWAITING_APPROVAL) & ~Q(proposed_by=user)
    else:
        awaiting = _NEVER
    return {
        "all": Q(),
        "new": Q(status=Status.SUBMITTED),
        "mine": _open() & Q(assigned_to=user),
        "due_soon": _open() & Q(due_date__gte=today, due_date__lte=soon),
        "overdue": _open() & Q(due_date__lt=today),
        "awaiting_my_approval": awaiting,
    }


def _day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=SERVICE_TZ)


def _search(query: str) -> Q:
    """An application number (in full or its last 8 characters) or the start of a surname."""
    text = " ".join(query.split())[:QUERY_MAX]
    if not text:
        return Q()
    upper = text.upper()
    condition = Q()
    if _NUMBER.match(upper):
        condition |= Q(number=upper) if upper.startswith("UMIS-") else Q(number__endswith=upper)
    # PostgreSQL compares case-insensitively in every script; SQLite's LIKE only folds
    # ASCII, so the usual spellings of the query are tried too ("GÜNEŞ", "güneş", "Güneş").
    for variant in dict.fromkeys([text, text.lower(), upper, text.capitalize()]):
        condition |= Q(form_data__surname__istartswith=variant)
    return condition


def _filtered(qs: QuerySet[Application], filters: QueueFilters) -> QuerySet[Application]:
    if filters.service:
        qs = qs.filter(service_code=filters.service)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.district:
        qs = qs.filter(place_of_stay_district_id=filters.district)
    if filters.assigned == UNASSIGNED:
        qs = qs.filter(assigned_to__isnull=True)
    elif filters.assigned:
        qs = qs.filter(assigned_to_id=int(filters.assigned))
    if filters.flag:
        # Flags are a short JSON list of plain codes. SQLite has no JSON containment
        # lookup, so the quoted code is matched in the list's text, alike on both.
        qs = qs.filter(flags__icontains=f'"{filters.flag}"')
    if filters.submitted_from:
        qs = qs.filter(submitted_at__gte=_day_start(filters.submitted_from))
    if filters.submitted_to:
        qs = qs.filter(submitted_at__lt=_day_start(filters.submitted_to + timedelta(days=1)))
    if filters.query:
        qs = qs.filter(_search(filters.query))
    return qs


def queue_counts(
    *, user: User, today: date | None = None, filters: QueueFilters | None = None
) -> dict[str, int]:
    """How many applications each queue holds, in one query."""
    today = today or service_today()
    conditions = queue_conditions(user=user, today=today)
    qs = _filtered(applications_visible_to(user), filters or QueueFilters())
    return qs.aggregate(**{name: Count("id", filter=cond) for name, cond in conditions.items()})


def queue_applications(
    *, user: User, queue: str, filters: QueueFilters, today: date | None = None
) -> QuerySet[Application]:
    """One queue, filtered, the most urgent first: by due date, then by submission."""
    today = today or service_today()
    condition = queue_conditions(user=user, today=today)[queue]
    qs = _filtered(applications_visible_to(user), filters).filter(condition)
    return qs.order_by(F("due_date").asc(nulls_last=True), "submitted_at", "id")


@dataclass
class QueuePage:
    queue: str
    today: date
    due_soon_until: date
    counts: dict[str, int]
    page: Page
    rows: list[Application] = field(default_factory=list)


def deadline_state(application: Application, *, today: date, soon: date) -> str:
    """ "overdue", "due_soon" or "" for an application as the queue shows it."""
    if application.status not in OPEN or application.due_date is None:
        return ""
    if application.due_date < today:
        return "overdue"
    if application.due_date <= soon:
        return "due_soon"
    return ""


def subject_name(application: Application) -> str:
    data = application.form_data or {}
    return " ".join(str(data.get(k) or "") for k in ("surname", "given_names")).strip()


@audited_transaction
def queue_page_for_staff(
    *,
    user: User,
    queue: str,
    filters: QueueFilters,
    page_number: Any = 1,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> QueuePage:
    """A page of a queue, accounted for: the list shows who applied for what, so the audit
    log records who looked, with which filters, and exactly which applications they saw."""
    today = today or service_today()
    if queue not in QUEUES:
        queue = DEFAULT_QUEUE
    qs = queue_applications(user=user, queue=queue, filters=filters, today=today)
    page = Paginator(qs, PAGE_SIZE).get_page(page_number)
    soon = due_soon_until(today)
    rows = list(page.object_list)
    for application in rows:
        application.deadline_state = deadline_state(application, today=today, soon=soon)
        application.subject_name = subject_name(application)
        application.service_name = registry.name_of(application.service_code)
        application.flag_labels = [Flag(f).label for f in application.flags if f in Flag.values]
        application.is_open = application.status in OPEN
    audit_record(
        action="application.search",
        target_type="application",
        target_id="",
        request=request,
        actor=user,
        details={
            "queue": queue,
            "filters": filters.as_audit(),
            "page": page.number,
            "count": page.paginator.count,
            "shown": [a.number for a in rows],
        },
    )
    return QueuePage(
        queue=queue,
        today=today,
        due_soon_until=soon,
        counts=queue_counts(user=user, today=today, filters=filters),
        page=page,
        rows=rows,
    )
