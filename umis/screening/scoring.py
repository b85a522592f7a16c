"""The score of one candidate against the person screened, with its explanation.

Each field that can be compared adds or takes away points; the explanation lists each
field, how it agreed and what it weighed, so that an officer sees why an entry was hit.
The weights are set so that a name alone is never enough unless it is the same name and
something else agrees, a listed document number always is, and a date of birth that clearly
disagrees outweighs a similar name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from umis.matching.birthdates import BirthDateAgreement, compare_birth_dates
from umis.matching.normalise import name_tokens, phonetic_key
from umis.people.dates import PartialDate

# The name scorer and its threshold; the brute-force baseline of B7 uses the same two.
name_scorer = fuzz.token_sort_ratio
NAME_THRESHOLD = 85
SAME_NAME = 95
HIT_THRESHOLD = 60

NAME_POINTS = {"same": 50, "similar": 40, "sounds_alike": 35}
DOCUMENT_POINTS = 60
DATE_POINTS = {
    BirthDateAgreement.EXACT: ("exact", 30),
    BirthDateAgreement.DAY_MONTH_SWAPPED: ("day_month_swapped", 20),
    BirthDateAgreement.ONE_PART_DIFFERS: ("one_part_differs", 10),
    BirthDateAgreement.DISAGREES: ("differs", -40),
}
DATE_AGREES_TO_MONTH = 20
DATE_AGREES_TO_YEAR = 15
NATIONALITY_POINTS = {"same": 10, "differs": -10}
SEX_DIFFERS = -20


@dataclass(frozen=True)
class Person:
    """What is known of the person screened (or of an entry), already normalised."""

    forms: tuple[str, ...]  # canonical name forms
    birth_date: PartialDate | None = None
    nationality: str = ""
    sex: str = ""
    document_indexes: frozenset[str] = frozenset()


@dataclass
class Score:
    points: int = 0
    parts: list[dict[str, Any]] = field(default_factory=list)

    def add(self, field_name: str, agreement: str, points: int, **detail: Any) -> None:
        self.points += points
        self.parts.append({"field": field_name, "agreement": agreement, "points": points, **detail})

    @property
    def is_hit(self) -> bool:
        # A listed document presented by anyone is for an officer to see (a stolen or
        # lent passport), whatever the rest says.
        same_document = any(p["field"] == "document" for p in self.parts)
        return self.points >= HIT_THRESHOLD or same_document


def name_similarity(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """The best similarity (0-100) between any form of one name and any form of the other."""
    return max((name_scorer(a, b) for a in left for b in right), default=0.0)


@lru_cache(maxsize=200_000)
def _sounds(form: str) -> frozenset[str]:
    # Names repeat across a list far more than they vary: each form is keyed once.
    return frozenset(phonetic_key(token) for token in name_tokens(form).tokens)


def sounds_alike(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """Every token of the shorter name sounds like a token of the other (two at least)."""
    for a in left:
        for b in right:
            sa, sb = _sounds(a), _sounds(b)
            shorter, longer = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
            if len(shorter) >= 2 and shorter <= longer:
                return True
    return False


def _name(score: Score, query: Person, entry: Person) -> bool:
    similarity = round(name_similarity(query.forms, entry.forms))
    if similarity >= SAME_NAME:
        score.add("name", "same", NAME_POINTS["same"], similarity=similarity)
    elif similarity >= NAME_THRESHOLD:
        score.add("name", "similar", NAME_POINTS["similar"], similarity=similarity)
    elif sounds_alike(query.forms, entry.forms):
        score.add("name", "sounds_alike", NAME_POINTS["sounds_alike"], similarity=similarity)
    else:
        return False
    return True


def _birth_date(score: Score, query: Person, entry: Person) -> None:
    agreement = compare_birth_dates(query.birth_date, entry.birth_date)
    if agreement == BirthDateAgreement.MISSING:
        return
    if agreement == BirthDateAgreement.AGREES_WHERE_KNOWN:
        assert query.birth_date is not None and entry.birth_date is not None
        to_month = query.birth_date.month is not None and entry.birth_date.month is not None
        if to_month:
            score.add("birth_date", "agrees_to_month", DATE_AGREES_TO_MONTH)
        else:
            score.add("birth_date", "agrees_to_year", DATE_AGREES_TO_YEAR)
        return
    agreement_code, points = DATE_POINTS[agreement]
    score.add("birth_date", agreement_code, points)


def score_candidate(query: Person, entry: Person) -> Score:
    """Points and their explanation; a candidate whose name does not match and whose
    document does not either scores nothing further."""
    score = Score()
    same_document = bool(query.document_indexes & entry.document_indexes)
    if same_document:
        score.add("document", "same", DOCUMENT_POINTS)
    if not _name(score, query, entry) and not same_document:
        return Score()
    _birth_date(score, query, entry)
    if query.nationality and entry.nationality:
        agreement = "same" if query.nationality == entry.nationality else "differs"
        score.add("nationality", agreement, NATIONALITY_POINTS[agreement])
    if query.sex in ("F", "M") and entry.sex in ("F", "M") and query.sex != entry.sex:
        score.add("sex", "differs", SEX_DIFFERS)
    return score
