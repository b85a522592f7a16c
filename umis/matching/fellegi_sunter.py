"""Match weights learnt from the data: a Fellegi–Sunter model, m fitted by EM.

For each comparison level, ``m`` is the probability of that level among pairs of records
of one person and ``u`` among pairs of two people; ``prior`` is the probability that two
records drawn at random are one person. Each is estimated from the data being linked:

- ``u`` from pairs of records drawn at random (nearly all of two people): the exact
  level's share counted from the values' frequencies over *all* pairs, the other
  levels' shares from a sample;
- ``m`` and ``prior`` by expectation maximisation on the candidate pairs (blocking has
  already discarded pairs that agree on nothing, nearly all of two people): the E step
  gives each candidate its posterior, the M step takes ``m`` as the posterior-weighted
  level shares and ``prior`` as the expected number of true pairs over all pairs.

Starting points and small data sets lean on per-kind defaults (comparisons.DEFAULTS),
held as PRIOR_PAIRS pseudo-pairs of each class. EM runs on distinct comparison vectors
with their counts, so its cost does not grow with the number of pairs.

The probability is the posterior ``prior·Πm / (prior·Πm + (1-prior)·Πu)`` (fields
independent given the class); a pair's explanation lists, per field, its level and the
level's weight ``log2(m/u)``, to be added to the prior's weight. A missing value has
weight zero. The prior belongs to the population the model was fitted on: a registry
scoring one new record against N others may set ``prior`` to about 1/N.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from umis.matching.comparisons import DEFAULTS, Comparison

# The defaults' weight, in pairs of each class (see comparisons.DEFAULTS).
PRIOR_PAIRS = 10.0
START_PRIOR = 0.5
MAX_ITERATIONS = 200
TOLERANCE = 1e-6  # relative change of the prior
SESSION_PAIRS = 50  # fewer candidates than this teach a session nothing reliable


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
    # Each row as one integer (levels are small), so the distinct rows are a 1-d unique:
    # far faster than comparing rows on millions of pairs.
    bases = levels.max(axis=0).astype(np.int64) + 1
    if float(np.prod(bases.astype(np.float64))) >= 2.0**62:
        unique, inverse, counts = np.unique(levels, axis=0, return_inverse=True, return_counts=True)
        return unique, counts, inverse.ravel()
    keys = np.zeros(len(levels), dtype=np.int64)
    for column, base in enumerate(bases):
        keys = keys * base + levels[:, column]
    _, first, inverse, counts = np.unique(
        keys, return_index=True, return_inverse=True, return_counts=True
    )
    return levels[first], counts, inverse.ravel()


def default_model(comparisons: list[Comparison], prior: float = START_PRIOR) -> Model:
    return Model(
        comparisons,
        m=[np.asarray(DEFAULTS[c.kind][0], dtype=np.float64) for c in comparisons],
        u=[np.asarray(DEFAULTS[c.kind][1], dtype=np.float64) for c in comparisons],
        prior=prior,
    )


def _estimate(pattern_levels: np.ndarray, weights: np.ndarray, default: np.ndarray) -> np.ndarray:
    """Level shares of the weighted pairs, with the default as PRIOR_PAIRS pseudo-pairs
    (a maximum a posteriori estimate under a Dirichlet prior)."""
    n_levels = len(default)
    counts = np.bincount(pattern_levels, weights=weights, minlength=n_levels + 1)[:n_levels]
    counts = counts + PRIOR_PAIRS * default
    return counts / counts.sum()


def estimate_u(
    comparisons: list[Comparison],
    random_levels: np.ndarray,
    exact: list[tuple[float, float]],
) -> list[np.ndarray]:
    """u per comparison: the exact level from (agreeing, present) pair counts over all
    pairs, the other levels in the proportions of the random sample's non-exact pairs."""
    estimates = []
    for k, comparison in enumerate(comparisons):
        default = np.asarray(DEFAULTS[comparison.kind][1], dtype=np.float64)
        agreeing, present = exact[k]
        share = (agreeing + PRIOR_PAIRS * default[0]) / (present + PRIOR_PAIRS)
        sample = random_levels[:, k]
        counts = np.bincount(sample, minlength=comparison.missing_level + 1)
        others = counts[1 : comparison.missing_level] + PRIOR_PAIRS * default[1:]
        estimates.append(np.r_[share, (1 - share) * others / others.sum()])
    return estimates


def _posterior(model: Model, rows: np.ndarray, active: list[int], prior: float) -> np.ndarray:
    """The match probability of each pattern from the ``active`` comparisons only."""
    total = np.full(len(rows), np.log2(prior / (1 - prior)))
    weights = model.weights()
    for k in active:
        total += weights[k][rows[:, k]]
    return probability_from_weight(total)


def _em(
    model: Model,
    rows: np.ndarray,
    counts: np.ndarray,
    *,
    active: list[int],
    estimated: list[int],
    defaults_m: list[np.ndarray],
    all_pairs: float | None,
) -> tuple[list[np.ndarray], float, int]:
    """Expectation maximisation over patterns: the posterior from the ``active``
    comparisons, m re-estimated for the ``estimated`` ones (the others keep the model's),
    the prior as matches over ``all_pairs`` (or, for a session, over its own pairs).
    Returns m, the prior and the iterations run."""
    m = list(model.m)
    pairs = all_pairs if all_pairs is not None else float(counts.sum())
    ceiling = 1 - 1e-9
    prior = model.prior if all_pairs is not None else 0.5
    working = Model(model.comparisons, m, model.u, prior)
    iterations = 0
    while iterations < MAX_ITERATIONS:
        iterations += 1
        matched = counts * _posterior(working, rows, active, working.prior)
        for k in estimated:
            working.m[k] = _estimate(rows[:, k], matched, defaults_m[k])
        new_prior = float(np.clip(matched.sum() / pairs, 1e-12, ceiling))
        change = abs(new_prior - working.prior) / working.prior
        working.prior = new_prior
        if change < TOLERANCE:
            break
    return working.m, working.prior, iterations


def _sessions(
    comparisons: list[Comparison], rows: np.ndarray
) -> list[tuple[np.ndarray, list[int]]]:
    """Subsets of the candidates on which to learn m without the fields that chose them,
    as Splink's training sessions do: pairs with an equal document or national number
    (nearly all one person whatever their names say) teach the names and dates; pairs
    with equal given name and surname teach the dates and numbers. On all candidates at
    once, people who share a common name (relatives, namesakes) are learnt as the same
    person and a different birth date stops counting against a match."""
    identifiers = [k for k, c in enumerate(comparisons) if c.kind == "identifier"]
    names = [k for k, c in enumerate(comparisons) if c.field in ("given_name", "surname")]
    sessions = []
    if identifiers:
        chosen = (rows[:, identifiers] == 0).any(axis=1)
        sessions.append((chosen, identifiers))
    if len(names) == 2:
        chosen = (rows[:, names] == 0).all(axis=1)
        sessions.append((chosen, names))
    return sessions


def fit(
    comparisons: list[Comparison],
    levels: np.ndarray,
    *,
    random_levels: np.ndarray,
    exact: list[tuple[float, float]],
    all_pairs: float,
) -> Model:
    """The model of one data set: ``levels`` of the candidate pairs, ``random_levels`` of
    random pairs, ``exact`` (agreeing, present) pair counts per comparison over all pairs,
    and the number of all pairs.

    m starts from EM on every candidate; each training session (``_sessions``) with at
    least SESSION_PAIRS pairs then re-estimates the fields it was not chosen by and no
    earlier session learnt, weighing each pair with what is learnt so far (so the names'
    session tells namesakes apart by the birth dates the identifiers' session taught), and
    a last EM over every candidate with m held fixed finds the prior."""
    rows, counts, _ = patterns(levels)
    counts = counts.astype(np.float64)
    all_pairs = max(all_pairs, 1.0)
    model = default_model(comparisons, prior=min(0.5 * max(len(levels), 1) / all_pairs, 0.5))
    model.u = estimate_u(comparisons, random_levels, exact)
    defaults_m = list(model.m)
    if not len(rows):
        return model
    everything = list(range(len(comparisons)))
    model.m, model.prior, model.iterations = _em(
        model, rows, counts, active=everything, estimated=everything,
        defaults_m=defaults_m, all_pairs=all_pairs,
    )  # fmt: skip
    learnt: set[int] = set()
    for chosen, by in _sessions(comparisons, rows):
        if counts[chosen].sum() < SESSION_PAIRS:
            continue
        others = [k for k in everything if k not in by]
        fresh = [k for k in others if k not in learnt]
        if not fresh:
            continue
        model.m, _, iterations = _em(
            model, rows[chosen], counts[chosen], active=others, estimated=fresh,
            defaults_m=defaults_m, all_pairs=None,
        )  # fmt: skip
        model.iterations += iterations
        learnt.update(fresh)
    if learnt:
        _, model.prior, iterations = _em(
            model, rows, counts, active=everything, estimated=[],
            defaults_m=defaults_m, all_pairs=all_pairs,
        )  # fmt: skip
        model.iterations += iterations
    return model
