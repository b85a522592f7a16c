"""Reads of border crossings for the office: within the reader's jurisdiction, and every
read of a traveller's data written to the audit log in the same transaction."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from umis.accounts.jurisdiction import district_ids_visible_to
from umis.accounts.models import User
from umis.audit.services import audit_record
from umis.border.models import BorderCrossing, MatchStatus
from umis.people.models import Person
from umis.screening.engine import Hit
from umis.screening.selectors import hits_described

PAGE_SIZE = 50
PERSON_CROSSINGS_SHOWN = 100

# The filters of the list: what an officer works through.
SHOW_ALL = "all"
SHOW_UNLINKED = "unlinked"
SHOW_TO_REVIEW = "review"
SHOW_HITS = "hits"


def crossings_visible_to(user: Any) -> QuerySet[BorderCrossing]:
    """National roles see every crossing; a regional one those of the persons (or possible
    persons) staying in its districts. A crossing of nobody on file is national work."""
    crossings = BorderCrossing.objects.select_related("person", "possible_person")
    districts = district_ids_visible_to(user)
    if districts is None:
        return crossings
    return crossings.filter(
        Q(person__place_of_stay_district__in=districts)
        | Q(possible_person__place_of_stay_district__in=districts)
    )


def _filtered(crossings: QuerySet[BorderCrossing], show: str) -> QuerySet[BorderCrossing]:
    if show == SHOW_UNLINKED:
        return crossings.filter(match_status=MatchStatus.UNLINKED)
    if show == SHOW_TO_REVIEW:
        return crossings.filter(
            Q(match_status=MatchStatus.POSSIBLE) | Q(not_screened=True) | Q(watchlist_hit=True)
        )
    if show == SHOW_HITS:
        return crossings.filter(watchlist_hit=True)
    return crossings


def _actor(user: Any) -> User | None:
    return user if isinstance(user, User) else None


@transaction.atomic
def crossings_list_for_staff(
    *, user: Any, show: str, page: Any, request: HttpRequest | None
) -> Page:
    """A page of crossings, newest first; the log records who saw which crossings."""
    crossings = _filtered(crossings_visible_to(user), show).order_by("-occurred_at", "-id")
    result = Paginator(crossings, PAGE_SIZE).get_page(page)
    audit_record(
        action="border.crossings_list",
        target_type="border_crossing",
        target_id="",
        request=request,
        actor=_actor(user),
        details={"show": show, "page": result.number, "shown": [c.pk for c in result]},
    )
    return result


@transaction.atomic
def crossing_get_for_staff(
    *, user: Any, crossing_id: int, request: HttpRequest | None
) -> tuple[BorderCrossing, list[dict[str, Any]]]:
    """One crossing and its watch-list hits described; outside jurisdiction, 404."""
    crossing = crossings_visible_to(user).filter(pk=crossing_id).first()
    if crossing is None:
        raise Http404
    rows = list(crossing.hits.all())
    hits = hits_described([Hit(r.entry_id, r.list_kind, r.score, r.explanation) for r in rows])
    audit_record(
        action="border.crossing_view",
        target_type="border_crossing",
        target_id=crossing.pk,
        request=request,
        actor=_actor(user),
        details={"person": crossing.person_id or crossing.possible_person_id},
    )
    return crossing, hits


@transaction.atomic
def person_crossings_for_staff(
    *, user: Any, person: Person, request: HttpRequest | None
) -> list[BorderCrossing]:
    """The crossings linked to a person's file, newest first (the caller has already
    found the file within the user's jurisdiction); the reading is audited like the file."""
    crossings = list(
        BorderCrossing.objects.filter(person=person)
        .prefetch_related("hits")
        .order_by("-occurred_at", "-id")[:PERSON_CROSSINGS_SHOWN]
    )
    audit_record(
        action="person.crossings_view",
        target_type="person",
        target_id=person.pk,
        request=request,
        actor=_actor(user),
        details={"crossings": [c.pk for c in crossings]},
    )
    return crossings
