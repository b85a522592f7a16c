import json

import numpy as np

from umis.matching.comparisons import (
    BIRTH_DATE_LEVELS,
    CODE_LEVELS,
    IDENTIFIER_LEVELS,
    NAME_LEVELS,
    Comparison,
)
from umis.matching.fellegi_sunter import Model, fit, patterns

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
    surname = np.r_[
        rng.choice(5, n_matches, p=[0.8, 0.1, 0.05, 0.0, 0.05]),
        rng.choice(5, n_others, p=[0.05, 0.02, 0.08, 0.0, 0.85]),
    ]
    birth_date = np.r_[
        rng.choice(5, n_matches, p=[0.85, 0.02, 0.03, 0.05, 0.05]),
        rng.choice(5, n_others, p=[0.01, 0.01, 0.0, 0.03, 0.95]),
    ]
    sex = rng.choice(2, n_matches + n_others, p=[0.5, 0.5])
    return np.c_[sex, document, surname, birth_date].astype(np.int8)


def test_em_recovers_the_share_of_matches_and_the_weights():
    levels = simulate(np.random.default_rng(7), 2_000, 18_000)
    model = fit(FIELDS, levels)
    assert abs(model.prior - 0.1) < 0.02
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
    model = fit(FIELDS, simulate(np.random.default_rng(1), 500, 5_000))
    pair = np.array([[0, DOCUMENT.missing_level, SURNAME.missing_level, 5]], dtype=np.int8)
    assert model.match_weights(pair)[0] == model.prior_weight() + model.weights()[0][0]
    explanation = model.explain(pair[0])
    assert explanation[0]["field"] == "sex"  # the only evidence comes first
    assert {"field": "document_number", "level": "missing", "weight": 0.0} in explanation


def test_a_model_survives_json():
    levels = simulate(np.random.default_rng(3), 300, 3_000)
    model = fit(FIELDS, levels)
    again = Model.from_dict(json.loads(json.dumps(model.to_dict())))
    assert np.allclose(again.probabilities(levels), model.probabilities(levels))
    assert again.comparisons == model.comparisons


def test_the_explanation_sums_to_the_match_weight():
    model = fit(FIELDS, simulate(np.random.default_rng(5), 300, 3_000))
    pair = np.array([1, 0, 4, 3], dtype=np.int8)
    explanation = model.explain(pair)
    weights = [abs(row["weight"]) for row in explanation]
    assert weights == sorted(weights, reverse=True)  # strongest evidence first
    assert explanation[0]["field"] == "document_number"
    total = model.prior_weight() + sum(row["weight"] for row in explanation)
    assert abs(total - model.match_weights(pair[None, :])[0]) < 0.01
