"""How likely two person files are one person: the one place the registry asks.

``score_persons(a, b) -> (probability, explanation)`` is all the rest of the registry
sees. Today it is a small hand-weighted Fellegi–Sunter score: each field's agreement
level adds its weight (log2 of how much likelier that level is between two files of the
same person than between two different persons that share a blocking key), the sum plus
a prior gives the odds. The weights are working values set by hand, not learnt; the
learnt linkage model replaces this module's body when it lands, behind the same
signature.

The explanation lists every field compared, its level and weight, so an officer sees why
a pair was raised.
"""

from __future__ import annotations

import math
from itertools import product
from typing import Any

from rapidfuzz import fuzz

from umis.matching.birthdates import BirthDateAgreement, compare_birth_dates
from umis.matching.normalise import canonical_name, canonical_sounds
from umis.people.profiles import PersonProfile

MODEL = "rules-1"
# Log-odds (base 2) that two files sharing a blocking key are one person, before any
# field is compared.
PRIOR_WEIGHT = -12.0

NAME_WEIGHTS = {
    "surname": {"exact": 4.0, "close": 3.0, "partial": -1.0, "disagrees": -5.0},
    "given_names": {"exact": 4.0, "close": 3.0, "partial": -1.0, "disagrees": -4.0},
}
SWAPPED_NAMES_WEIGHT = 5.0  # surname and given names written the other way round
BIRTH_WEIGHTS = {
    BirthDateAgreement.EXACT: 6.0,
    BirthDateAgreement.AGREES_WHERE_KNOWN: 2.0,
    BirthDateAgreement.DAY_MONTH_SWAPPED: 5.0,
    BirthDateAgreement.ONE_PART_DIFFERS: 2.5,
    BirthDateAgreement.DISAGREES: -6.0,
    BirthDateAgreement.MISSING: 0.0,
}
SEX_WEIGHTS = {"agrees": 0.8, "disagrees": -4.0}
NATIONALITY_WEIGHTS = {"agrees": 1.0, "disagrees": -2.5}
DOCUMENT_WEIGHTS = {"shared": 12.0, "none_shared": -1.0}
FIN_WEIGHTS = {"same": 15.0, "different": -8.0}

EXACT, CLOSE, PARTIAL = 0.97, 0.85, 0.70


def _canonical(forms: tuple[str, ...]) -> list[str]:
    return [c for c in (canonical_name(f) for f in forms) if c]


def _similarity(left: list[str], right: list[str]) -> tuple[float, bool]:
    """The best string similarity over the scripts given, and whether any pair sounds
    the same (Mamedov / Mammadov)."""
    best, sounds_alike = 0.0, False
    for x, y in product(left, right):
        best = max(best, fuzz.ratio(x, y) / 100)
        sounds_alike = sounds_alike or canonical_sounds(x) == canonical_sounds(y)
    return best, sounds_alike


def _name_level(similarity: float, sounds_alike: bool) -> str:
    if similarity >= EXACT:
        return "exact"
    if similarity >= CLOSE or sounds_alike:
        return "close"
    if similarity >= PARTIAL:
        return "partial"
    return "disagrees"


def _names(a: PersonProfile, b: PersonProfile) -> list[dict[str, Any]]:
    parts = {
        "surname": (_canonical(a.surnames), _canonical(b.surnames)),
        "given_names": (_canonical(a.given_names), _canonical(b.given_names)),
    }
    out = []
    for name, (left, right) in parts.items():
        if not left or not right:
            out.append({"field": name, "level": "missing", "weight": 0.0})
            continue
        similarity, alike = _similarity(left, right)
        level = _name_level(similarity, alike)
        out.append(
            {
                "field": name,
                "level": level,
                "similarity": round(similarity, 3),
                "weight": NAME_WEIGHTS[name][level],
            }
        )
    levels = {item["field"]: item["level"] for item in out}
    if {levels["surname"], levels["given_names"]} <= {"partial", "disagrees"}:
        crossed = [
            _name_level(*_similarity(parts["surname"][0], parts["given_names"][1])),
            _name_level(*_similarity(parts["given_names"][0], parts["surname"][1])),
        ]
        if all(level in ("exact", "close") for level in crossed):
            return [{"field": "names_swapped", "level": "close", "weight": SWAPPED_NAMES_WEIGHT}]
    return out


def _birth(a: PersonProfile, b: PersonProfile) -> dict[str, Any]:
    agreement = compare_birth_dates(a.birth, b.birth)
    return {
        "field": "birth_date",
        "level": agreement.name.lower(),
        "weight": BIRTH_WEIGHTS[agreement],
    }


def _equal_or_not(name: str, left: str, right: str, weights: dict[str, float]) -> dict:
    if not left or not right:
        return {"field": name, "level": "missing", "weight": 0.0}
    level = "agrees" if left == right else "disagrees"
    return {"field": name, "level": level, "weight": weights[level]}


def _documents(a: PersonProfile, b: PersonProfile) -> dict[str, Any]:
    if not a.document_indexes or not b.document_indexes:
        return {"field": "documents", "level": "missing", "weight": 0.0}
    level = "shared" if a.document_indexes & b.document_indexes else "none_shared"
    return {"field": "documents", "level": level, "weight": DOCUMENT_WEIGHTS[level]}


def _fin(a: PersonProfile, b: PersonProfile) -> dict[str, Any]:
    if not a.fin or not b.fin:
        return {"field": "fin", "level": "missing", "weight": 0.0}
    level = "same" if a.fin == b.fin else "different"
    return {"field": "fin", "level": level, "weight": FIN_WEIGHTS[level]}


def score_persons(a: PersonProfile, b: PersonProfile) -> tuple[float, dict[str, Any]]:
    """The probability that ``a`` and ``b`` are one person, and why."""
    sex = (
        {"field": "sex", "level": "missing", "weight": 0.0}
        if "X" in (a.sex, b.sex)
        else _equal_or_not("sex", a.sex, b.sex, SEX_WEIGHTS)
    )
    fields = [
        *_names(a, b),
        _birth(a, b),
        sex,
        _equal_or_not("nationality", a.nationality, b.nationality, NATIONALITY_WEIGHTS),
        _documents(a, b),
        _fin(a, b),
    ]
    total = PRIOR_WEIGHT + sum(item["weight"] for item in fields)
    probability = 1 / (1 + math.pow(2, -total)) if total > -60 else 0.0
    explanation = {
        "model": MODEL,
        "prior_weight": PRIOR_WEIGHT,
        "total_weight": round(total, 3),
        "fields": fields,
    }
    return round(probability, 6), explanation
