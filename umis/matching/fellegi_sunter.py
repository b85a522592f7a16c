"""Match weights learnt from the data: a Fellegi–Sunter model fitted by EM.

For each comparison level, ``m`` is the probability of that level among true pairs and
``u`` among other pairs; ``prior`` is the share of true pairs among the candidates. All
three are estimated by expectation maximisation on the candidate pairs themselves
(a two-class latent model, fields independent within a class). ``u`` starts from the
levels' frequencies among the candidates, which are nearly all non-matches, and ``m``
from a guess that favours agreement; EM then moves both. Fitting on the candidates
rather than on random pairs makes the posterior the probability that a *candidate* is a
match — the population the threshold is applied to — and it accounts for the
correlation blocking creates (two candidates agree on some blocking key by
construction). EM runs on distinct comparison vectors with their counts, so its cost
does not grow with the number of pairs.

The probability is the posterior ``prior·Πm / (prior·Πm + (1-prior)·Πu)``; a pair's
explanation lists, per field, its level and the level's weight ``log2(m/u)``. A missing
value has weight zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from umis.matching.comparisons import DEFAULTS, Comparison

# The defaults' weight, in pairs of each class (see comparisons.DEFAULTS); also the
# pseudo-pairs behind the starting prior.
PRIOR_PAIRS = 10.0
START_PRIOR = 0.5
MAX_ITERATIONS = 200
TOLERANCE = 1e-6


@dataclass
class Model:
    comparisons: list[Comparison]
    m: list[np.ndarray]  # per comparison, per level except missing
    u: list[np.ndarray]
    prior: float
    iterations: int = 0

    def weights(self) -> list[np.ndarray]:
        """log2 Bayes factor per comparison and level, zero for the missing level."""
        return [np.r_[np.log2(m / u), 0.0] for m, u in zip(self.m, self.u, strict=True)]

    def prior_weight(self) -> float:
        return float(np.log2(self.prior / (1 - self.prior)))

    def match_weights(self, levels: np.ndarray) -> np.ndarray:
        """The total log2 odds of each pair (rows of level codes)."""
        total = np.full(len(levels), self.prior_weight())
        for column, weights in enumerate(self.weights()):
            total += weights[levels[:, column]]
        return total

    def probabilities(self, levels: np.ndarray) -> np.ndarray:
        return probability_from_weight(self.match_weights(levels))

    def explain(self, levels: np.ndarray) -> list[dict]:
        """One pair's level and weight per field, strongest evidence first."""
        rows = []
        for comparison, weights, level in zip(
            self.comparisons, self.weights(), levels, strict=True
        ):
            rows.append(
                {
                    "field": comparison.field,
                    "level": comparison.labels[int(level)],
                    "weight": round(float(weights[int(level)]), 3),
                }
            )
        return sorted(rows, key=lambda row: -abs(row["weight"]))

    def to_dict(self) -> dict:
        return {
            "comparisons": [comparison.to_dict() for comparison in self.comparisons],
            "m": [values.tolist() for values in self.m],
            "u": [values.tolist() for values in self.u],
            "prior": self.prior,
            "iterations": self.iterations,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        return cls(
            comparisons=[Comparison.from_dict(item) for item in data["comparisons"]],
            m=[np.asarray(values, dtype=np.float64) for values in data["m"]],
            u=[np.asarray(values, dtype=np.float64) for values in data["u"]],
            prior=float(data["prior"]),
            iterations=int(data.get("iterations", 0)),
        )


def probability_from_weight(weight: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))


def patterns(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct rows of ``levels``, their counts, and each pair's row number."""
    if not len(levels):
        return levels, np.zeros(0, np.int64), np.zeros(0, np.int64)
    unique, inverse, counts = np.unique(levels, axis=0, return_inverse=True, return_counts=True)
    return unique, counts, inverse.ravel()


def default_model(comparisons: list[Comparison]) -> Model:
    return Model(
        comparisons,
        m=[np.asarray(DEFAULTS[c.kind][0], dtype=np.float64) for c in comparisons],
        u=[np.asarray(DEFAULTS[c.kind][1], dtype=np.float64) for c in comparisons],
        prior=START_PRIOR,
    )


def _estimate(pattern_levels: np.ndarray, weights: np.ndarray, default: np.ndarray) -> np.ndarray:
    """Level shares of the weighted pairs, with the default as PRIOR_PAIRS pseudo-pairs
    (a maximum a posteriori estimate under a Dirichlet prior)."""
    n_levels = len(default)
    counts = np.bincount(pattern_levels, weights=weights, minlength=n_levels + 1)[:n_levels]
    counts = counts + PRIOR_PAIRS * default
    return counts / counts.sum()


def fit(comparisons: list[Comparison], levels: np.ndarray) -> Model:
    """EM on the candidate pairs' levels (pairs × comparisons), from the defaults."""
    rows, counts, _ = patterns(levels)
    counts = counts.astype(np.float64)
    model = default_model(comparisons)
    defaults_m, defaults_u = list(model.m), list(model.u)
    if not len(rows):
        return model
    for iteration in range(1, MAX_ITERATIONS + 1):
        posterior = model.probabilities(rows)
        matched = counts * posterior
        unmatched = counts - matched
        new_prior = float(
            (matched.sum() + PRIOR_PAIRS * START_PRIOR) / (counts.sum() + PRIOR_PAIRS)
        )
        model.m = [_estimate(rows[:, k], matched, d) for k, d in enumerate(defaults_m)]
        model.u = [_estimate(rows[:, k], unmatched, d) for k, d in enumerate(defaults_u)]
        change = abs(new_prior - model.prior)
        model.prior = new_prior
        model.iterations = iteration
        if change < TOLERANCE:
            break
    return model
