"""Every write of border crossings: a batch stored (from the feed or pushed), and the
crossings not yet linked matched again.

``border_crossings_store`` is the one storage path. Each crossing is stored once, by the
border system's id, whatever the way and however often it arrives; it is matched to a
person and screened in the same transaction. A batch of the feed also moves the feed's
cursor in that transaction, under a lock on the cursor's row, and only if the cursor is
still where the batch was asked from: a run that dies half-way stores nothing and leaves
the cursor, a second run at the same time finds the cursor moved and stores nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.audit.services import audit_record, audited_block, audited_transaction
from umis.border.linking import apply_match, crossing_match, crossing_screen
from umis.border.models import (
    BorderCrossing,
    CrossingWatchListHit,
    FeedCursor,
    MatchStatus,
)
from umis.core.errors import Conflict
from umis.exchange.adapters.border import FeedCrossing
from umis.people.models import Person, document_number_index

RELINK_BATCH = 200


@dataclass
class StoreResult:
    stored: int = 0
    already_stored: int = 0
    linked: int = 0
    possible: int = 0
    unlinked: int = 0
    watchlist_hits: int = 0
    crossing_ids: list[int] = field(default_factory=list)

    def add(self, other: StoreResult) -> None:
        for name in ("stored", "already_stored", "linked", "possible", "unlinked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.watchlist_hits += other.watchlist_hits
        self.crossing_ids += other.crossing_ids


class CursorMoved(Exception):
    """The feed's cursor is no longer where this batch was asked from: another run has
    stored it already."""


def _new_crossing(item: FeedCrossing, source: str) -> BorderCrossing:
    return BorderCrossing(
        crossing_id=item.crossing_id,
        source=source,
        occurred_at=item.occurred_at,
        direction=item.direction,
        point_code=item.point_code,
        point_name=item.point_name,
        point_kind=item.point_kind,
        transport=item.transport,
        surname=item.surname.strip(),
        given_names=item.given_names.strip(),
        birth_date=item.birth_date,
        sex=item.sex.upper(),
        nationality=item.nationality.upper(),
        issuing_state=item.issuing_state.upper(),
        document_number=item.document_number,
        document_index=document_number_index(item.document_number),
    )


def _audit_match(crossing: BorderCrossing, *, action: str) -> None:
    person_id = crossing.person_id or crossing.possible_person_id
    if person_id is None:
        return
    audit_record(
        action=action,
        target_type="person",
        target_id=person_id,
        details={
            "crossing": crossing.pk,
            "match": crossing.match_status,
            "probability": crossing.match_probability,
        },
    )


def _store_one(item: FeedCrossing, source: str, result: StoreResult) -> None:
    crossing = _new_crossing(item, source)
    apply_match(crossing, crossing_match(crossing))
    screening = crossing_screen(crossing)
    crossing.not_screened = screening is None
    crossing.watchlist_hit = bool(screening and screening.is_hit)
    crossing.save(force_insert=True)
    result.stored += 1
    result.crossing_ids.append(crossing.pk)
    setattr(result, crossing.match_status, getattr(result, crossing.match_status) + 1)
    _audit_match(crossing, action="person.crossing_link")
    if screening and screening.is_hit:
        CrossingWatchListHit.objects.bulk_create(
            CrossingWatchListHit(
                crossing=crossing,
                entry_id=hit.entry_id,
                list_kind=hit.list_kind,
                score=hit.score,
                explanation=hit.explanation,
            )
            for hit in screening.hits
        )
        result.watchlist_hits += 1
        audit_record(
            action="border.watchlist_hit",
            target_type="border_crossing",
            target_id=crossing.pk,
            details={"entries": [hit.entry_id for hit in screening.hits]},
        )


def _lock_cursor(feed: str, expected: str) -> FeedCursor:
    FeedCursor.objects.get_or_create(feed=feed)
    cursor = FeedCursor.objects.select_for_update().get(pk=feed)
    if cursor.cursor != expected:
        raise CursorMoved(feed)
    return cursor


@audited_transaction
def border_crossings_store(
    *,
    crossings: Sequence[FeedCrossing],
    source: str,
    feed: str = "",
    cursor_from: str = "",
    cursor_to: str = "",
) -> StoreResult:
    """Store the crossings not stored before, each linked and screened. With ``feed``, the
    batch is the one asked from ``cursor_from``, and the cursor moves to ``cursor_to``
    (``CursorMoved`` when it is no longer at ``cursor_from``: nothing is stored)."""
    cursor = _lock_cursor(feed, cursor_from) if feed else None
    result = StoreResult()
    ids = [item.crossing_id for item in crossings]
    seen = set(
        BorderCrossing.objects.filter(crossing_id__in=ids).values_list("crossing_id", flat=True)
    )
    for item in crossings:
        if item.crossing_id in seen:
            result.already_stored += 1
            continue
        seen.add(item.crossing_id)
        _store_one(item, source, result)
    if cursor is not None:
        cursor.cursor = cursor_to
        cursor.save(update_fields=["cursor", "updated_at"])
    if not crossings:
        return result  # nothing new at the border: nothing changed, nothing to record
    audit_record(
        action="border.crossings_receive",
        target_type="border_feed",
        target_id=feed or source,
        details={
            "source": source,
            "stored": result.stored,
            "already_stored": result.already_stored,
            "linked": result.linked,
            "possible": result.possible,
            "unlinked": result.unlinked,
            "watchlist_hits": result.watchlist_hits,
        },
    )
    return result


def border_crossings_relink(*, batch: int = RELINK_BATCH) -> int:
    """Match again the crossings left unlinked or possible since the registry last changed
    (a file created or corrected since may be the traveller), the longest-waiting first,
    ``batch`` of them; returns how many were linked now."""
    changed = Person.objects.aggregate(latest=Max("updated_at"))["latest"]
    if changed is None:
        return 0
    linked = 0
    with audited_block():
        waiting = list(
            BorderCrossing.objects.select_for_update()
            .filter(
                match_status__in=[MatchStatus.UNLINKED, MatchStatus.POSSIBLE],
                matched_at__lt=changed,
                reviewed_at__isnull=True,
            )
            .order_by("matched_at", "pk")[:batch]
        )
        for crossing in waiting:
            before = (crossing.match_status, crossing.possible_person_id)
            apply_match(crossing, crossing_match(crossing))
            crossing.save(
                update_fields=[
                    "match_status",
                    "person",
                    "possible_person",
                    "match_probability",
                    "matched_at",
                ]
            )
            if (crossing.match_status, crossing.possible_person_id) != before:
                _audit_match(crossing, action="person.crossing_relink")
                linked += crossing.match_status == MatchStatus.LINKED
    return linked


@audited_transaction
def border_crossing_review(
    *, crossing: BorderCrossing, is_the_person: bool, actor: Any, request: HttpRequest | None
) -> BorderCrossing:
    """An officer's decision on a possible match: the crossing is linked to the likeliest
    file, or left with nobody; either way it is not matched again automatically."""
    current = BorderCrossing.objects.select_for_update().get(pk=crossing.pk)
    if current.match_status != MatchStatus.POSSIBLE or current.possible_person_id is None:
        raise Conflict(_("This crossing has been decided already. Reload the page."))
    person_id = current.possible_person_id
    if is_the_person:
        current.match_status, current.person_id = MatchStatus.LINKED, person_id
    else:
        current.match_status = MatchStatus.UNLINKED
    current.possible_person = None
    current.reviewed_by = actor if isinstance(actor, User) else None
    current.reviewed_at = timezone.now()
    current.save(
        update_fields=["match_status", "person", "possible_person", "reviewed_by", "reviewed_at"]
    )
    audit_record(
        action="person.crossing_link_confirm" if is_the_person else "person.crossing_link_reject",
        target_type="person",
        target_id=person_id,
        request=request,
        actor=actor if isinstance(actor, User) else None,
        details={"crossing": current.pk, "probability": current.match_probability},
    )
    return current
