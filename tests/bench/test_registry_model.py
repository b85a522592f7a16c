"""The registry's shipped linkage model is the one its trainer makes, set for the registry."""

from __future__ import annotations

import json

import numpy as np

from bench import registry_model
from umis.people.duplicates_scoring import FILES_ON_RECORD, MODEL_FILE, REGISTRY_PRIOR


def test_the_shipped_model_is_what_the_trainer_makes_from_the_seeded_registry():
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    trained = registry_model.train(shipped["trained_on"]["persons"], shipped["trained_on"]["seed"])
    assert trained["version"] == shipped["version"]
    assert trained["model"]["comparisons"] == shipped["model"]["comparisons"]
    for part in ("m", "u"):
        for ours, theirs in zip(trained["model"][part], shipped["model"][part], strict=True):
            np.testing.assert_allclose(ours, theirs, rtol=1e-6)
    assert trained["trained_on"]["at_registry_prior"] == shipped["trained_on"]["at_registry_prior"]


def test_the_model_answers_the_registrys_question():
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert shipped["model"]["prior"] == REGISTRY_PRIOR
    fields = [c["field"] for c in shipped["model"]["comparisons"]]
    assert "address" not in fields and {"document_number", "national_id"} <= set(fields)
    for comparison, u in zip(shipped["model"]["comparisons"], shipped["model"]["u"], strict=True):
        if comparison["kind"] == "identifier":
            assert u[0] == 1 / FILES_ON_RECORD  # a number is one person's
    # Recall and wasted looks at the thresholds in force are measured, not assumed.
    at = shipped["trained_on"]["at_registry_prior"]
    assert at["0.1"]["recall"] >= 0.98 and at["0.1"]["false_per_1000_records"] <= 2
