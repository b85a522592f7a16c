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

from django.db import connection

from umis.people.dates import PartialDate
from umis.screening.keys import document_keys, sound_keys, split_forms
from umis.screening.query import ScreeningQuery, screening_query
from umis.screening.scoring import Person, score_candidate

YEAR_WINDOW = 2  # a year off by up to two still counts as "one part differs"
# A name-only screening of a very common name could reach thousands of entries: the
# strongest are kept, the others do not make a hit anyway without a date to agree.
MAX_CANDIDATES = 5000


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


def _key_condition(person: Person) -> tuple[str, list[Any]]:
    """The condition on the key table and its parameters; empty when there is nothing to
    look up. Only placeholders are written into the text, never a value."""
    sounds = sorted(sound_keys(person.forms))
    documents = sorted(document_keys(person.document_indexes))
    parts: list[str] = []
    params: list[Any] = []
    if documents:
        parts.append(f"k.key IN ({', '.join(['%s'] * len(documents))})")
        params += documents
    if sounds:
        in_sounds = f"k.key IN ({', '.join(['%s'] * len(sounds))})"
        year = person.birth_date.year if person.birth_date else None
        if year is None:
            parts.append(in_sounds)
            params += sounds
        else:
            # The composite index (key, birth_year) answers both halves.
            parts.append(
                f"({in_sounds} AND (k.birth_year BETWEEN %s AND %s OR k.birth_year IS NULL))"
            )
            params += [*sounds, year - YEAR_WINDOW, year + YEAR_WINDOW]
    return " OR ".join(parts), params


@dataclass(frozen=True)
class Candidate:
    entry_id: int
    list_kind: str
    person: Person


def _as_candidate(row: tuple[Any, ...]) -> Candidate:
    entry_id, list_kind, year, month, day, sex, nationality, names, documents = row
    person = Person(
        forms=tuple(split_forms(names)),
        birth_date=PartialDate(year, month, day) if year is not None else None,
        nationality=nationality,
        sex=sex,
        document_indexes=frozenset(documents.split()),
    )
    return Candidate(entry_id, list_kind, person)


# One statement, written out: a screening runs at every submission and border event, and
# building it through the ORM (and making model instances of the rows) cost as much as
# running it. Entries valid on the day only: not lifted, within their validity.
_CANDIDATES_SQL = """
SELECT e.id, e.list_kind, e.birth_year, e.birth_month, e.birth_day, e.sex, e.nationality,
       e.match_names, e.document_indexes
FROM screening_watchlistentry e
WHERE e.id IN (SELECT k.entry_id FROM screening_watchlistkey k WHERE {keys})
  AND e.lifted_at IS NULL AND e.valid_from <= %s
  AND (e.valid_until IS NULL OR e.valid_until >= %s)
LIMIT {limit}
"""


def candidates(person: Person, *, on: date) -> list[Candidate]:
    condition, params = _key_condition(person)
    if not condition:
        return []
    sql = _CANDIDATES_SQL.format(keys=condition, limit=int(MAX_CANDIDATES))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, on, on])
        return [_as_candidate(row) for row in cursor.fetchall()]


def screen(query: ScreeningQuery, *, on: date) -> ScreeningResult:
    """The hits of an already checked query among the entries valid on ``on``."""
    found = candidates(query.person, on=on)
    hits = []
    for candidate in found:
        score = score_candidate(query.person, candidate.person)
        if score.is_hit:
            hits.append(Hit(candidate.entry_id, candidate.list_kind, score.points, score.parts))
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
