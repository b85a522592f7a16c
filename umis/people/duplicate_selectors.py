"""Reads of the duplicate queue and the merges, within jurisdiction, audited.

An officer sees a pair only when they can see both files (``persons_visible_to``); any
other pair does not exist for them (404). Listing the queue shows names and birth dates,
and opening a pair shows both files whole: both are reads of personal data and logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest

from umis.accounts.models import User
from umis.audit.services import audit_record
from umis.people.merge import moved_relations
from umis.people.models import (
    DuplicateStatus,
    IdentityDocument,
    Person,
    PersonMerge,
    PotentialDuplicate,
)
from umis.people.selectors import persons_visible_to

QUEUE_PAGE_SIZE = 25
# A chain of merges longer than this is a fault, not a file to follow.
MERGE_CHAIN_MAX = 20


def _actor(user: Any) -> User | None:
    return user if isinstance(user, User) else None


def duplicates_visible_to(user: Any) -> QuerySet[PotentialDuplicate]:
    visible = persons_visible_to(user).filter(merged_into__isnull=True).values("pk")
    return PotentialDuplicate.objects.filter(first__in=visible, second__in=visible)


@transaction.atomic
def duplicate_queue_page_for_staff(*, user: Any, page: Any, request: HttpRequest | None) -> Page:
    """The open pairs this officer can decide, most likely first; the persons shown are
    written to the audit log."""
    pairs = (
        duplicates_visible_to(user)
        .filter(status=DuplicateStatus.OPEN)
        .select_related("first", "second")
        .order_by("-probability", "pk")
    )
    result = Paginator(pairs, QUEUE_PAGE_SIZE).get_page(page)
    shown = sorted({p for pair in result for p in (pair.first_id, pair.second_id)})
    if shown:
        audit_record(
            action="person.duplicate_queue",
            target_type="person",
            target_id="",
            request=request,
            actor=_actor(user),
            details={"shown": shown, "pairs": [pair.pk for pair in result]},
        )
    return result


def duplicate_open_count(*, user: Any) -> int:
    return duplicates_visible_to(user).filter(status=DuplicateStatus.OPEN).count()


@dataclass(frozen=True)
class FileSide:
    person: Person
    documents: list[IdentityDocument]
    related: list[dict[str, Any]]  # what refers to the file: label and count per table


def _related_counts(person: Person) -> list[dict[str, Any]]:
    """How many rows of each kind a merge would move (documents, applications, permits,
    and any table added later)."""
    out = []
    for rel in moved_relations():
        model = rel.related_model
        count = model._base_manager.filter(**{rel.field.name: person.pk}).count()
        out.append({"label": model._meta.verbose_name_plural, "count": count})
    return out


def _read(person: Person, user: Any, request: HttpRequest | None, reason: str, **details) -> None:
    audit_record(
        action="person.view",
        target_type="person",
        target_id=person.pk,
        request=request,
        actor=_actor(user),
        reason=reason,
        details=details,
    )


def _visible_person(user: Any, person_id: int) -> Person:
    person = (
        persons_visible_to(user)
        .prefetch_related(Prefetch("documents", queryset=IdentityDocument.objects.all()))
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404
    return person


@transaction.atomic
def duplicate_get_for_staff(
    *, user: Any, duplicate_id: int, request: HttpRequest | None
) -> tuple[PotentialDuplicate, FileSide, FileSide]:
    """A pair and both files whole, for comparing them side by side; each file's opening
    is audited as a read."""
    pair = PotentialDuplicate.objects.select_related("decided_by").filter(pk=duplicate_id).first()
    if pair is None:
        raise Http404
    sides = []
    for person_id in (pair.first_id, pair.second_id):
        person = _visible_person(user, person_id)
        sides.append(FileSide(person, list(person.documents.all()), _related_counts(person)))
    for side in sides:
        _read(
            side.person,
            user,
            request,
            "duplicate comparison",
            duplicate=pair.pk,
            documents=len(side.documents),
        )
    return pair, sides[0], sides[1]


@transaction.atomic
def merge_get_for_staff(*, user: Any, merge_id: int, request: HttpRequest | None) -> PersonMerge:
    """A merge record, when the officer can see both files (a merged file keeps its place
    of stay); reading it is a read of both files."""
    merge = (
        PersonMerge.objects.select_related("survivor", "absorbed", "merged_by", "unmerged_by")
        .filter(pk=merge_id)
        .first()
    )
    if merge is None:
        raise Http404
    pair = {merge.survivor_id, merge.absorbed_id}
    if persons_visible_to(user).filter(pk__in=pair).count() != len(pair):
        raise Http404
    for person in (merge.survivor, merge.absorbed):
        _read(person, user, request, "merge record", merge=merge.pk)
    return merge


def merges_into(*, person: Person) -> list[PersonMerge]:
    """The files merged into this one (and not undone), newest first."""
    return list(
        PersonMerge.objects.filter(survivor=person, unmerged_at__isnull=True)
        .select_related("absorbed", "merged_by")
        .order_by("-created_at", "-pk")
    )


def current_file_id(*, user: Any, person_id: int) -> int | None:
    """The file to open for ``person_id``: itself, or the file it was merged into (the
    chain followed); None when the officer cannot see it."""
    visible = persons_visible_to(user)
    current: int | None = person_id
    for _step in range(MERGE_CHAIN_MAX):
        row = visible.filter(pk=current).values_list("pk", "merged_into").first()
        if row is None:
            return None
        if row[1] is None:
            return row[0]
        current = row[1]
    return None
