import json

import numpy as np

from umis.matching.comparisons import (
    BIRTH_DATE_LEVELS,
    CODE_LEVELS,
    IDENTIFIER_LEVELS,
    NAME_LEVELS,
    Comparison,
)
from umis.matching.fellegi_sunter import Model, estimate_u, fit, patterns

SEX = Comparison("sex", "code", CODE_LEVELS)
DOCUMENT = Comparison("document_number", "identifier", IDENTIFIER_LEVELS)
SURNAME = Comparison("surname", "name", NAME_LEVELS)
BIRTH_DATE = Comparison("birth_date", "birth_date", BIRTH_DATE_LEVELS)
FIELDS = [SEX, DOCUMENT, SURNAME, BIRTH_DATE]


def simulate(rng, n_matches, n_others):
    """Matches agree on the document 90 % of the time, others 1 %; on the surname 80 %
    and 5 %; on the birth date 85 % and 1 %; sex is noise."""
    document = np.r_[
        rng.choice(4, n_matches, p=[0.9, 0.05, 0.02, 0.03]),
        rng.choice(4, n_others, p=[0.01, 0.01, 0.03, 0.95]),
    ]
    surname = np.r_[  # exact, two Jaro-Winkler levels, sounds alike, swapped, other
        rng.choice(6, n_matches, p=[0.8, 0.1, 0.03, 0.02, 0.0, 0.05]),
        rng.choice(6, n_others, p=[0.05, 0.02, 0.08, 0.0, 0.0, 0.85]),
    ]
    birth_date = np.r_[
        rng.choice(5, n_matches, p=[0.85, 0.02, 0.03, 0.05, 0.05]),
        rng.choice(5, n_others, p=[0.01, 0.01, 0.0, 0.03, 0.95]),
    ]
    sex = rng.choice(2, n_matches + n_others, p=[0.5, 0.5])
    return np.c_[sex, document, surname, birth_date].astype(np.int8)


ALL_PAIRS = 1_000_000


def fitted(rng, n_matches, n_others, levels=None):
    """A model of candidates with ``n_matches`` true pairs among ALL_PAIRS pairs; random
    pairs are all of two people, and the exact levels' counts scale their sample."""
    levels = simulate(rng, n_matches, n_others) if levels is None else levels
    random_levels = simulate(rng, 0, 20_000)
    exact = [
        ((random_levels[:, k] == 0).mean() * ALL_PAIRS, float(ALL_PAIRS))
        for k in range(len(FIELDS))
    ]
    return fit(FIELDS, levels, random_levels=random_levels, exact=exact, all_pairs=ALL_PAIRS)


def test_em_recovers_the_share_of_matches_and_the_weights():
    model = fitted(np.random.default_rng(7), 2_000, 18_000)
    # Pairs outside the candidates count as certainly of two people, so the estimate
    # errs low; within a quarter of the truth.
    assert 0.75 < model.prior / (2_000 / ALL_PAIRS) < 1.25
    weights = model.weights()
    assert weights[1][0] > 5  # an equal document is strong evidence
    assert weights[1][3] < -3  # a different one against
    assert abs(weights[0][0]) < 0.5  # sex here says nothing


def test_patterns_count_distinct_rows():
    rows, counts, inverse = patterns(np.array([[0, 1], [0, 1], [1, 0]], dtype=np.int8))
    assert rows.tolist() == [[0, 1], [1, 0]]
    assert counts.tolist() == [2, 1]
    assert inverse.tolist() == [0, 0, 1]


def test_a_missing_value_weighs_nothing():
    model = fitted(np.random.default_rng(1), 500, 5_000)
    pair = np.array([[0, DOCUMENT.missing_level, SURNAME.missing_level, 5]], dtype=np.int8)
    assert model.match_weights(pair)[0] == model.prior_weight() + model.weights()[0][0]
    explanation = model.explain(pair[0])
    assert explanation[0]["field"] == "sex"  # the only evidence comes first
    assert {"field": "document_number", "level": "missing", "weight": 0.0} in explanation


def test_a_model_survives_json():
    levels = simulate(np.random.default_rng(3), 300, 3_000)
    model = fitted(np.random.default_rng(3), 0, 0, levels=levels)
    again = Model.from_dict(json.loads(json.dumps(model.to_dict())))
    assert np.allclose(again.probabilities(levels), model.probabilities(levels))
    assert again.comparisons == model.comparisons


def test_the_explanation_sums_to_the_match_weight():
    model = fitted(np.random.default_rng(5), 300, 3_000)
    pair = np.array([1, 0, 5, 3], dtype=np.int8)
    explanation = model.explain(pair)
    weights = [abs(row["weight"]) for row in explanation]
    assert weights == sorted(weights, reverse=True)  # strongest evidence first
    by_field = {row["field"]: row for row in explanation}
    assert by_field["document_number"]["level"] == "exact"
    assert by_field["document_number"]["weight"] > 0 > by_field["surname"]["weight"]
    total = model.prior_weight() + sum(row["weight"] for row in explanation)
    assert abs(total - model.match_weights(pair[None, :])[0]) < 0.01


def test_u_takes_the_exact_share_from_the_counts_and_the_rest_from_the_sample():
    # 1 % of all pairs agree exactly; the sample's other pairs split 1:1:2:96.
    sample = np.r_[[0] * 50, [1] * 10, [2] * 10, [3] * 20, [3] * 940, [4] * 30].astype(np.int8)
    (u,) = estimate_u([DOCUMENT], sample[:, None], [(10_000.0, 1_000_000.0)])
    assert abs(u[0] - 0.01) < 1e-4
    assert abs(u.sum() - 1) < 1e-9  # the sample's exact and missing levels left out
    assert u[3] > 0.9
