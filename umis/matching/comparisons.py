"""How two records agree on each field, as a level per field (0 is the strongest).

Each comparison is data: a field, a kind and the labels of its levels; ``levels`` turns
candidate pairs into an int8 array of level codes. The last level of every comparison
is "missing" (one side has no value): it carries no evidence and the model gives it a
weight of zero. String similarities are computed once per distinct pair of values (the
columns are factorised), with rapidfuzz over whole arrays, so the work per record pair is
numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.fuzz import token_set_ratio

from umis.matching.birthdates import BirthDateAgreement, compare_birth_date_arrays
from umis.matching.records import Prepared

MISSING = "missing"
WORKERS = -1  # rapidfuzz compares the value pairs on every core (it releases the GIL)


@dataclass(frozen=True)
class Comparison:
    field: str
    kind: str  # "name", "birth_date", "code", "identifier", "text", "place", "postcode"
    labels: tuple[str, ...]  # the levels in order, the last one always MISSING
    other_field: str = ""  # names: the field a swapped name is found in

    @property
    def missing_level(self) -> int:
        return len(self.labels) - 1

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "kind": self.kind,
            "labels": list(self.labels),
            "other_field": self.other_field,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Comparison:
        return cls(data["field"], data["kind"], tuple(data["labels"]), data["other_field"])


NAME_LEVELS = (
    "exact",
    "jaro_winkler>=0.92",
    "jaro_winkler>=0.8",
    "sounds_alike",
    "swapped",
    "other",
    MISSING,
)
TEXT_LEVELS = ("exact", "token_set>=0.9", "token_set>=0.7", "other", MISSING)
IDENTIFIER_LEVELS = ("exact", "one_edit", "two_edits", "other", MISSING)
CODE_LEVELS = ("exact", "other", MISSING)
PLACE_LEVELS = ("exact", "jaro_winkler>=0.9", "other", MISSING)
POSTCODE_LEVELS = ("exact", "one_edit", "other", MISSING)
BIRTH_DATE_LEVELS = tuple(level.name.lower() for level in BirthDateAgreement)

ALL_COMPARISONS: tuple[Comparison, ...] = (
    Comparison("given_name", "name", NAME_LEVELS, other_field="surname"),
    Comparison("surname", "name", NAME_LEVELS, other_field="given_name"),
    Comparison("patronymic", "name", NAME_LEVELS),
    Comparison("full_name", "text", TEXT_LEVELS),
    Comparison("birth_date", "birth_date", BIRTH_DATE_LEVELS),
    Comparison("sex", "code", CODE_LEVELS),
    Comparison("nationality", "code", CODE_LEVELS),
    Comparison("document_number", "identifier", IDENTIFIER_LEVELS),
    Comparison("national_id", "identifier", IDENTIFIER_LEVELS),
    Comparison("address", "text", TEXT_LEVELS),
    Comparison("locality", "place", PLACE_LEVELS),
    Comparison("postcode", "postcode", POSTCODE_LEVELS),
)


# What a comparison's levels usually look like, per kind (without the missing level):
# m among true pairs, u among random pairs of different people. Fitting starts from
# these and weighs them as PRIOR_PAIRS pairs of each class, so a handful of records
# gets sensible weights and a large set is ruled by its own data.
DEFAULTS: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "name": ((0.85, 0.06, 0.03, 0.02, 0.02, 0.02), (0.02, 0.01, 0.04, 0.005, 0.001, 0.924)),
    "text": ((0.8, 0.1, 0.05, 0.05), (0.005, 0.01, 0.05, 0.935)),
    "birth_date": ((0.85, 0.03, 0.02, 0.07, 0.03), (0.002, 0.001, 0.0001, 0.02, 0.9769)),
    "code": ((0.97, 0.03), (0.4, 0.6)),
    "identifier": ((0.85, 0.06, 0.02, 0.07), (0.0001, 0.0005, 0.002, 0.9974)),
    "place": ((0.85, 0.05, 0.1), (0.05, 0.01, 0.94)),
    "postcode": ((0.85, 0.05, 0.1), (0.02, 0.05, 0.93)),
}


def comparisons_for(*sides: Prepared) -> list[Comparison]:
    """The comparisons of the fields that every side fills in at least once."""
    return [c for c in ALL_COMPARISONS if all(side.has(c.field) for side in sides)]


def _similarity(kind: str, values: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Similarity in [0, 1] (or, for identifiers, the edit distance counting a swap of
    two neighbouring characters as one edit) of each distinct code pair (a[k], b[k])."""
    if not len(a):
        return np.zeros(0)
    left = [values[code] for code in a]
    right = [values[code] for code in b]
    if kind in ("identifier", "postcode"):
        return process.cpdist(left, right, scorer=OSA.distance, score_cutoff=3, workers=WORKERS)
    if kind == "text":
        return process.cpdist(left, right, scorer=token_set_ratio, workers=WORKERS) / 100.0
    return process.cpdist(left, right, scorer=JaroWinkler.normalized_similarity, workers=WORKERS)


def _pairwise(kind: str, values: list[str], ca: np.ndarray, cb: np.ndarray) -> np.ndarray:
    """The similarity of each record pair, computed for each distinct value pair once."""
    low, high = np.minimum(ca, cb).astype(np.int64), np.maximum(ca, cb).astype(np.int64)
    keys, inverse = np.unique(low * (len(values) + 1) + high, return_inverse=True)
    scores = _similarity(kind, values, keys // (len(values) + 1), keys % (len(values) + 1))
    return np.asarray(scores, dtype=np.float64)[inverse]


def _select(conditions: list[np.ndarray], size: int, missing: np.ndarray) -> np.ndarray:
    """The index of the first true condition per pair; one past them when none holds;
    the missing level wherever a side is missing."""
    levels = np.full(size, len(conditions), dtype=np.int8)
    for level in range(len(conditions) - 1, -1, -1):
        levels[conditions[level]] = level
    levels[missing] = len(conditions) + 1
    return levels


def levels(
    comparison: Comparison, left: Prepared, right: Prepared, i: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """The level of each pair (left[i[k]], right[j[k]]) for one comparison."""
    if comparison.kind == "birth_date":
        return compare_birth_date_arrays(
            (left.year[i], left.month[i], left.day[i]),
            (right.year[j], right.month[j], right.day[j]),
        )
    column_l, column_r = left.column(comparison.field), right.column(comparison.field)
    ca, cb = column_l.codes[i], column_r.codes[j]
    missing = (ca < 0) | (cb < 0)
    exact = (ca == cb) & ~missing
    fuzzy = ~exact & ~missing
    score = np.zeros(len(i))
    if comparison.kind != "code" and fuzzy.any():
        score[fuzzy] = _pairwise(comparison.kind, column_l.values, ca[fuzzy], cb[fuzzy])
    size = len(i)
    if comparison.kind == "code":
        conditions = [exact]
    elif comparison.kind == "identifier":
        conditions = [exact, fuzzy & (score <= 1), fuzzy & (score <= 2)]
    elif comparison.kind == "postcode":
        conditions = [exact, fuzzy & (score <= 1)]
    elif comparison.kind == "text":
        conditions = [exact, fuzzy & (score >= 0.9), fuzzy & (score >= 0.7)]
    elif comparison.kind == "place":
        conditions = [exact, fuzzy & (score >= 0.9)]
    else:
        conditions = [
            exact,
            fuzzy & (score >= 0.92),
            fuzzy & (score >= 0.8),
            fuzzy & _same_codes(left, right, f"{comparison.field}_sounds", i, j),
            fuzzy & _swapped(comparison, left, right, i, j),
        ]
    return _select(conditions, size, missing)


def _same_codes(left: Prepared, right: Prepared, name: str, i, j) -> np.ndarray:
    codes_l, codes_r = left.column(name).codes[i], right.column(name).codes[j]
    return (codes_l >= 0) & (codes_l == codes_r)


def _crossed(left: Prepared, right: Prepared, mine: str, other: str, i, j) -> np.ndarray:
    """Column ``mine`` of one record equals column ``other`` of the other, either way."""
    mine_l, mine_r = left.column(mine).codes[i], right.column(mine).codes[j]
    # Columns are factorised separately, so compare the strings' codes through text.
    lookup = {text: code for code, text in enumerate(left.column(other).values)}
    values = left.column(mine).values
    translate = np.array([lookup.get(text, -2) for text in values] + [-3], dtype=np.int64)
    theirs_r, theirs_l = right.column(other).codes[j], left.column(other).codes[i]
    forward = (mine_l >= 0) & (translate[mine_l] == theirs_r)
    backward = (mine_r >= 0) & (translate[mine_r] == theirs_l)
    return forward | backward


def _swapped(comparison: Comparison, left: Prepared, right: Prepared, i, j) -> np.ndarray:
    """This field of one record is the other name field of the other (given name and
    surname written the wrong way round), in the same spelling or the same sound."""
    if not comparison.other_field or not left.has(comparison.other_field):
        return np.zeros(len(i), dtype=bool)
    mine, other = comparison.field, comparison.other_field
    return _crossed(left, right, mine, other, i, j) | _crossed(
        left, right, f"{mine}_sounds", f"{other}_sounds", i, j
    )


def level_matrix(
    comparisons: list[Comparison], left: Prepared, right: Prepared, i: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """Pairs × comparisons, int8 level codes."""
    matrix = np.empty((len(i), len(comparisons)), dtype=np.int8)
    for column, comparison in enumerate(comparisons):
        matrix[:, column] = levels(comparison, left, right, i, j)
    return matrix


def exact_agreement(
    comparison: Comparison, left: Prepared, right: Prepared, *, same_set: bool
) -> tuple[float, float]:
    """(pairs agreeing exactly, pairs with both values present) among all pairs of
    records: counted from the values' frequencies, without enumerating pairs."""
    name = "birth_date_key" if comparison.kind == "birth_date" else comparison.field
    codes_l, codes_r = left.column(name).codes, right.column(name).codes
    width = len(left.column(name).values)
    counts_l = np.bincount(codes_l[codes_l >= 0], minlength=width).astype(np.float64)
    if same_set:
        present = counts_l.sum()
        return float((counts_l * (counts_l - 1)).sum() / 2), float(present * (present - 1) / 2)
    counts_r = np.bincount(codes_r[codes_r >= 0], minlength=width).astype(np.float64)
    return float((counts_l * counts_r).sum()), float(counts_l.sum() * counts_r.sum())
