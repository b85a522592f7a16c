"""Ranking the persons whose names only sound like the query: spelt closely enough, the
closest first.

A sound key is broad on purpose (Hasanov and Huseynov share one), so each candidate's
names are compared with the query's in the matching engine's canonical form: every word of
the query must be at least ``CLOSE`` (Jaro-Winkler) to some word of the person's names of
about its length (a part of a word, "medov", is what the prefix search is for).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import JaroWinkler

from umis.matching.normalise import name_tokens
from umis.people.models import Person

CLOSE = 0.85
LENGTH_RATIO = 0.8


def _tokens(*names: str) -> list[str]:
    return [token for name in names if name for token in name_tokens(name).tokens]


def _closeness(query: list[str], person: Person) -> float:
    names = _tokens(
        person.surname_latin,
        person.given_names_latin,
        person.patronymic_latin,
        person.surname_native,
        person.given_names_native,
        person.patronymic_native,
    )
    if not names:
        return 0.0
    best = [
        max(
            (
                JaroWinkler.normalized_similarity(q, n)
                for n in names
                if min(len(q), len(n)) >= LENGTH_RATIO * max(len(q), len(n))
            ),
            default=0.0,
        )
        for q in query
    ]
    return min(best)


def sounds_like_ranked(query: str, candidates: Sequence[Person]) -> list[Person]:
    """The candidates close enough to ``query``, closest first (ties in registry order)."""
    words = _tokens(query)
    if not words:
        return []
    scored = [(_closeness(words, person), index, person) for index, person in enumerate(candidates)]
    return [
        person
        for score, _index, person in sorted(scored, key=lambda s: (-s[0], s[1]))
        if score >= CLOSE
    ]
