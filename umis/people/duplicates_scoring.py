"""How likely two person files are one person: the one place the registry asks.

``score_persons(a, b)`` and ``score_candidates(profile, candidates)`` give each pair's
probability and its explanation. They score with the linkage engine
(``umis.matching``) under a Fellegi–Sunter model learnt from B6's synthetic registry
(``bench/registry_model.py`` trains it; ``registry_model.json`` beside this module is the
result): every field's agreement level adds its weight, log2 of how much likelier that
level is between two files of one person than between files of two persons.

A file may hold a name in two scripts (the passport's Latin and the native one); each
reading is compared and the likeliest counts. Documents are compared by their blind
indexes: the same number on both files, or not.

The prior is the registry's own: how likely it is, before any field is compared, that a
new file is one particular file on record. About one new file in twenty is someone
already on record under another file, and the Service holds files on about two million
people, so the prior is 0.05 / 2,000,000. The candidates a look-up scores share blocking
keys with the new file, which the fields' weights already account for.

The explanation lists every field compared, its level and weight, so an officer sees why
a pair was raised.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from umis.matching.comparisons import level_matrix
from umis.matching.fellegi_sunter import Model, probability_from_weight
from umis.matching.records import Record, prepare_pair
from umis.people.profiles import PersonProfile

MODEL_FILE = Path(__file__).with_name("registry_model.json")
SHARE_ON_RECORD = 0.05  # new files that are someone already on record
FILES_ON_RECORD = 2_000_000
REGISTRY_PRIOR = SHARE_ON_RECORD / FILES_ON_RECORD


@lru_cache(maxsize=1)
def registry_model() -> tuple[str, Model]:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model = Model.from_dict(data["model"])
    model.prior = REGISTRY_PRIOR
    return data["version"], model


def _readings(profile: PersonProfile) -> list[tuple[str, str, str]]:
    """(surname, given names, patronymic) in each script the file holds them."""
    count = max(len(profile.surnames), len(profile.given_names), len(profile.patronymics), 1)

    def nth(forms: tuple[str, ...], k: int) -> str:
        return forms[k] if k < len(forms) else (forms[0] if forms else "")

    return [
        (nth(profile.surnames, k), nth(profile.given_names, k), nth(profile.patronymics, k))
        for k in range(count)
    ]


# Blind indexes agree or not; two that differ must not look one typing error apart.
_NOT_SHARED = ("A" * 16, "B" * 16)


def _documents(a: PersonProfile, b: PersonProfile) -> tuple[str, str]:
    """What the documents field compares per side: the same index when the files share a
    document, two far-apart values when both hold documents but none in common, nothing
    where a file holds none."""
    if not a.document_indexes or not b.document_indexes:
        return ("A" * 16 if a.document_indexes else ""), ("B" * 16 if b.document_indexes else "")
    shared = sorted(a.document_indexes & b.document_indexes)
    return (shared[0], shared[0]) if shared else _NOT_SHARED


def _record(
    profile: PersonProfile, reading: tuple[str, str, str], document: str, tag: str
) -> Record:
    surname, given_names, patronymic = reading
    return Record(
        id=tag,
        surname=surname,
        given_name=given_names,
        patronymic=patronymic,
        birth_date=profile.birth,
        sex="" if profile.sex in ("", "X") else profile.sex,
        nationality=profile.nationality,
        document_number=document,
        national_id=profile.fin or "",
    )


def score_candidates(
    profile: PersonProfile, candidates: list[PersonProfile]
) -> list[tuple[float, dict[str, Any]]]:
    """The probability that ``profile`` is each candidate's person, and why; every
    reading of both compared in one pass of the engine."""
    if not candidates:
        return []
    version, model = registry_model()
    left: list[Record] = []
    right: list[Record] = []
    owner: list[int] = []
    for number, candidate in enumerate(candidates):
        ours, theirs = _documents(profile, candidate)
        for a in _readings(profile):
            for b in _readings(candidate):
                owner.append(number)
                left.append(_record(profile, a, ours, f"a{len(left)}"))
                right.append(_record(candidate, b, theirs, f"b{len(right)}"))
    prepared_left, prepared_right = prepare_pair(left, right)
    assert prepared_right is not None
    positions = np.arange(len(left))
    levels = level_matrix(model.comparisons, prepared_left, prepared_right, positions, positions)
    weights = model.match_weights(levels)
    best: dict[int, int] = {}
    for row, number in enumerate(owner):
        if number not in best or weights[row] > weights[best[number]]:
            best[number] = row
    results = []
    for number in range(len(candidates)):
        row = best[number]
        total = float(weights[row])
        probability = float(probability_from_weight(weights[row]))
        explanation = {
            "model": version,
            "prior_weight": round(model.prior_weight(), 3),
            "total_weight": round(total, 3),
            "fields": model.explain(levels[row]),
        }
        results.append((round(probability, 6), explanation))
    return results


def score_persons(a: PersonProfile, b: PersonProfile) -> tuple[float, dict[str, Any]]:
    """The probability that ``a`` and ``b`` are one person, and why."""
    return score_candidates(a, [b])[0]
