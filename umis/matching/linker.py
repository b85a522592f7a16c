"""Record linkage end to end: blocking, comparison, weights, probabilities.

``dedupe(records)`` finds the pairs within one set that are the same person and
``link(left, right)`` the pairs across two sets; both fit a model on their own data
unless one is given, and return every candidate pair with its probability.
``score_pair(model, a, b)`` scores one pair with a stored model (the registry's look-up
when a person is created), with the explanation a person reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from umis.matching import blocking
from umis.matching.clustering import clusters
from umis.matching.comparisons import (
    Comparison,
    comparisons_for,
    exact_agreement,
    level_matrix,
)
from umis.matching.fellegi_sunter import Model, fit
from umis.matching.records import Prepared, Record, prepare, prepare_pair

DEFAULT_THRESHOLD = 0.5
CHUNK = 1_000_000  # pairs compared per step (bounds memory; one progress step each)
RANDOM_PAIRS = 20_000  # sampled for u's non-exact levels (the exact level is counted)
SEED = 20_260_101  # the sample is the same on every run: same input, same pairs

Progress = Callable[[int, int], None]  # (pairs done, pairs in all)


@dataclass
class ScoredPairs:
    """Candidate pairs as positions into the input lists, with their probabilities."""

    left: np.ndarray
    right: np.ndarray
    probability: np.ndarray
    levels: np.ndarray  # pairs × model.comparisons
    model: Model
    left_ids: list[str]
    right_ids: list[str]

    def __len__(self) -> int:
        return len(self.left)

    def above(self, threshold: float) -> np.ndarray:
        """Positions of the pairs at or above the threshold, most likely first."""
        chosen = np.flatnonzero(self.probability >= threshold)
        return chosen[np.argsort(-self.probability[chosen], kind="stable")]

    def explain(self, position: int) -> list[dict]:
        return self.model.explain(self.levels[position])

    def persons(self, threshold: float = DEFAULT_THRESHOLD) -> np.ndarray:
        """A person number per record (left records first, then right ones when two sets
        were linked): records joined by a chain of pairs at or above the threshold."""
        same_set = self.left_ids is self.right_ids
        offset = 0 if same_set else len(self.left_ids)
        size = len(self.left_ids) + offset
        return clusters(size, self.left, self.right + offset, self.probability, threshold)


def _compare(
    comparisons: list[Comparison],
    left: Prepared,
    right: Prepared,
    i: np.ndarray,
    j: np.ndarray,
    progress: Progress | None,
) -> np.ndarray:
    parts = []
    for start in range(0, len(i), CHUNK):
        stop = min(start + CHUNK, len(i))
        parts.append(level_matrix(comparisons, left, right, i[start:stop], j[start:stop]))
        if progress:
            progress(stop, len(i))
    if not parts:
        return np.zeros((0, len(comparisons)), dtype=np.int8)
    return np.concatenate(parts)


def _fit(
    comparisons: list[Comparison], left: Prepared, right: Prepared, levels: np.ndarray
) -> Model:
    same_set = left is right
    n_left, n_right = len(left), len(right)
    all_pairs = n_left * (n_left - 1) / 2 if same_set else n_left * n_right
    rng = np.random.default_rng(SEED)
    size = int(min(RANDOM_PAIRS, all_pairs * 4))  # none when there is no pair at all
    i, j = rng.integers(0, n_left, size), rng.integers(0, n_right, size)
    if same_set:
        i, j = i[i != j], j[i != j]
    return fit(
        comparisons,
        levels,
        random_levels=level_matrix(comparisons, left, right, i, j),
        exact=[exact_agreement(c, left, right, same_set=same_set) for c in comparisons],
        all_pairs=all_pairs,
    )


def _score(
    left: Prepared,
    right: Prepared,
    i: np.ndarray,
    j: np.ndarray,
    model: Model | None,
    progress: Progress | None,
) -> ScoredPairs:
    comparisons = model.comparisons if model else comparisons_for(left, right)
    levels = _compare(comparisons, left, right, i, j, progress)
    model = model or _fit(comparisons, left, right, levels)
    return ScoredPairs(i, j, model.probabilities(levels), levels, model, left.ids, right.ids)


def dedupe(
    records: Sequence[Record],
    *,
    model: Model | None = None,
    rules: Sequence[blocking.Rule] | None = None,
    progress: Progress | None = None,
) -> ScoredPairs:
    prepared = prepare(records)
    i, j = blocking.dedupe_candidates(prepared, rules)
    return _score(prepared, prepared, i, j, model, progress)


def link(
    left: Sequence[Record],
    right: Sequence[Record],
    *,
    model: Model | None = None,
    rules: Sequence[blocking.Rule] | None = None,
    progress: Progress | None = None,
) -> ScoredPairs:
    prepared_left, prepared_right = prepare_pair(left, right)
    assert prepared_right is not None
    i, j = blocking.link_candidates(prepared_left, prepared_right, rules)
    return _score(prepared_left, prepared_right, i, j, model, progress)


def score_pair(model: Model, a: Record, b: Record) -> tuple[float, list[dict]]:
    """The probability that two records are one person, and why (per field: its level
    and weight, strongest first), under a stored model."""
    left, right = prepare_pair([a], [b])
    assert right is not None
    levels = level_matrix(model.comparisons, left, right, np.zeros(1, int), np.zeros(1, int))
    return float(model.probabilities(levels)[0]), model.explain(levels[0])
