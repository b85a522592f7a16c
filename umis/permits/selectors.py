"""Reading permits. Staff see the permits their department issued (headquarters and the
national roles see all), through ``permits_visible_to``; anything else is not found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from umis.accounts.jurisdiction import restrict_to_departments
from umis.accounts.models import User
from umis.audit.services import audit_record, audited_transaction
from umis.cases.models import Application
from umis.people.fin import is_fin, normalise_fin
from umis.people.selectors import name_condition
from umis.people.validation import has_control_characters
from umis.permits.models import Permit, PermitEvent
from umis.permits.states import PermitStatus
from umis.permits.types import PermitType

PAGE_SIZE = 25
QUERY_MAX = 200
_RELATED = ("holder", "issuing_department", "application", "replaces", "replaced_by")


def normalise_number(number: str) -> str:
    return "".join((number or "").split()).upper()


def permits_visible_to(user: Any) -> QuerySet[Permit]:
    """Permits issued by the user's department; every permit for national scope."""
    qs = Permit.objects.select_related(*_RELATED)
    return restrict_to_departments(qs, user, department_field="issuing_department")


@dataclass(frozen=True)
class PermitFilters:
    number: str = ""
    fin: str = ""
    name: str = ""
    status: str = ""
    permit_type: str = ""

    def any(self) -> bool:
        return any((self.number, self.fin, self.name, self.status, self.permit_type))


def permit_search(*, user: Any, filters: PermitFilters) -> QuerySet[Permit]:
    """Visible permits matching every filter given, the newest first.

    The number and the FIN match exactly (spaces and case ignored); the name matches when
    every word starts a word of the holder's names in any script.
    """
    qs = permits_visible_to(user)
    if filters.number:
        qs = qs.filter(number=normalise_number(filters.number))
    if filters.fin:
        fin = normalise_fin(filters.fin)
        qs = qs.filter(Q(fin=fin) | Q(holder__fin=fin)) if is_fin(fin) else qs.none()
    name = (filters.name or "").strip()[:QUERY_MAX]
    if name:
        condition = (
            None if has_control_characters(name) else name_condition(name, prefix="holder__")
        )
        qs = qs.filter(condition) if condition is not None else qs.none()
    if filters.status in PermitStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.permit_type in PermitType.values:
        qs = qs.filter(permit_type=filters.permit_type)
    return qs.order_by("-issued_at", "-id")


def _search_record(
    *, user: Any, filters: PermitFilters, shown: list[Permit], count: int, request: Any
) -> None:
    """A result list shows holders' names: the log records who searched and which permits
    were shown to them (not the words searched for, which may be a name or a FIN)."""
    audit_record(
        action="permit.search",
        target_type="permit",
        target_id="",
        request=request,
        actor=user if isinstance(user, User) else None,
        details={
            "shown": [p.number for p in shown],
            "count": count,
            "filters": sorted(k for k, v in vars(filters).items() if v),
        },
    )


@audited_transaction
def permit_search_page_for_staff(
    *,
    user: Any,
    filters: PermitFilters,
    page: int | str = 1,
    page_size: int = PAGE_SIZE,
    request: HttpRequest | None = None,
) -> Page:
    """One page of ``permit_search`` for the office page, audited."""
    result = Paginator(permit_search(user=user, filters=filters), page_size).get_page(page)
    shown = list(result.object_list)
    _search_record(
        user=user, filters=filters, shown=shown, count=result.paginator.count, request=request
    )
    return result


@dataclass(frozen=True)
class SearchWindow:
    count: int
    items: list[Permit]


@audited_transaction
def permit_search_window_for_staff(
    *,
    user: Any,
    filters: PermitFilters,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    request: HttpRequest | None = None,
) -> SearchWindow:
    """``limit`` results of ``permit_search`` from ``offset``, for the API, audited."""
    qs = permit_search(user=user, filters=filters)
    items = list(qs[offset : offset + limit])
    count = qs.count()
    _search_record(user=user, filters=filters, shown=items, count=count, request=request)
    return SearchWindow(count=count, items=items)


def permit_get_for_staff(*, user: Any, number: str) -> Permit:
    """One permit by its number; outside the user's reach it simply does not exist."""
    permit = permits_visible_to(user).filter(number=normalise_number(number)).first()
    if permit is None:
        raise Http404(_("Permit not found."))
    return permit


def permit_history(*, permit: Permit) -> QuerySet[PermitEvent]:
    return permit.events.select_related("actor").order_by("at", "id")


def permits_of_application(application: Application) -> list[Permit]:
    """The permits an application gave, the first issued first (replacements after it).

    For pages that already show the application to someone entitled to it: the applicant
    on the portal, or an officer within reach of the application.
    """
    return list(
        Permit.objects.filter(application=application)
        .select_related("replaces")
        .order_by("issued_at", "id")
    )


def permit_public_status(number: str) -> str | None:
    """The status of the permit with this number ("active", "revoked", ...), or None.

    For the public verifier's online line: only the status, nothing about the holder.
    """
    number = normalise_number(number)
    if not number or len(number) > Permit._meta.get_field("number").max_length:
        return None
    return Permit.objects.filter(number=number).values_list("status", flat=True).first()
