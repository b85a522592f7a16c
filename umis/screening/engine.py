"""The screening engine: a person against the watch list, on a given day.

1. Candidates: the entries sharing a blocking key with the person — a sound key of a name
   token with a birth year within two years (or an entry whose year is unknown), or a
   document number's blind index — and valid on the day (not lifted, within their
   validity). One indexed query, whatever the size of the list.
2. Each candidate is scored (``umis.screening.scoring``); those at or above the hit
   threshold are hits, strongest first, each with its explanation.

Local only: no state system is asked, so it may run inside a submission's transaction.
``screen_person`` is the entry point for callers outside the office (the border-event
ingest); they audit what they do with the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from umis.people.dates import PartialDate
from umis.screening.keys import document_keys, sound_keys, split_forms
from umis.screening.models import WatchListEntry, WatchListKey
from umis.screening.query import ScreeningQuery, screening_query
from umis.screening.scoring import Person, score_candidate

YEAR_WINDOW = 2  # a year off by up to two still counts as "one part differs"
# A name-only screening of a very common name could reach thousands of entries: the
# strongest are kept, the others do not make a hit anyway without a date to agree.
MAX_CANDIDATES = 5000

_FIELDS = (
    "id",
    "list_kind",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "nationality",
    "match_names",
    "document_indexes",
)


@dataclass(frozen=True)
class Hit:
    entry_id: int
    list_kind: str
    score: int
    explanation: list[dict[str, Any]]


@dataclass(frozen=True)
class ScreeningResult:
    hits: list[Hit] = field(default_factory=list)
    candidates: int = 0

    @property
    def is_hit(self) -> bool:
        return bool(self.hits)


def _key_filter(person: Person) -> Q | None:
    sounds = sorted(sound_keys(person.forms))
    documents = sorted(document_keys(person.document_indexes))
    conditions = Q(key__in=documents) if documents else None
    if sounds:
        year = person.birth_date.year if person.birth_date else None
        if year is None:
            by_name = Q(key__in=sounds)
        else:
            by_name = Q(
                key__in=sounds,
                birth_year__gte=year - YEAR_WINDOW,
                birth_year__lte=year + YEAR_WINDOW,
            ) | Q(key__in=sounds, birth_year__isnull=True)
        conditions = by_name if conditions is None else conditions | by_name
    return conditions


def valid_on(day: date) -> Q:
    return Q(lifted_at__isnull=True, valid_from__lte=day) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def _as_person(entry: WatchListEntry) -> Person:
    born = None
    if entry.birth_year is not None:
        born = PartialDate(entry.birth_year, entry.birth_month, entry.birth_day)
    return Person(
        forms=tuple(split_forms(entry.match_names)),
        birth_date=born,
        nationality=entry.nationality,
        sex=entry.sex,
        document_indexes=frozenset(entry.document_indexes.split()),
    )


def candidates(person: Person, *, on: date) -> list[WatchListEntry]:
    conditions = _key_filter(person)
    if conditions is None:
        return []
    entry_ids = WatchListKey.objects.filter(conditions).values("entry_id")
    found = WatchListEntry.objects.filter(valid_on(on), pk__in=entry_ids).order_by()
    return list(found.only(*_FIELDS)[:MAX_CANDIDATES])


def screen(query: ScreeningQuery, *, on: date) -> ScreeningResult:
    """The hits of an already checked query among the entries valid on ``on``."""
    found = candidates(query.person, on=on)
    hits = []
    for entry in found:
        score = score_candidate(query.person, _as_person(entry))
        if score.is_hit:
            hits.append(Hit(entry.pk, entry.list_kind, score.points, score.parts))
    hits.sort(key=lambda hit: (-hit.score, hit.entry_id))
    return ScreeningResult(hits=hits, candidates=len(found))


def screen_person(
    *,
    names: Sequence[tuple[str, str]],
    birth_date: str | date | PartialDate | None,
    nationality: str = "",
    sex: str = "",
    document_numbers: Iterable[str] = (),
    on: date,
) -> ScreeningResult:
    """Screen one person (a border event's traveller, say) against the list valid on ``on``.

    ``names``: (surname, given names) as written, in any script, one pair per form known
    (the passport's Latin line, the native spelling). Raises ``ValidationFailed`` naming
    each field at fault; records nothing (the caller audits its own use of the result).
    """
    query = screening_query(
        names=names,
        birth_date=birth_date,
        nationality=nationality,
        sex=sex,
        document_numbers=document_numbers,
        today=on,
    )
    return screen(query, on=on)
