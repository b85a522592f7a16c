"""Linkage on B6's generated multi-script registry (bench/b6_generator.py), small size:
the same person written by the border system, the population registry, a host and an
application, in Latin, Cyrillic, Georgian, Persian and Arabic script."""

from __future__ import annotations

import numpy as np
import pytest

from bench import b6_generator
from bench.b6_registry import scores, truth
from umis.matching import fellegi_sunter, linker
from umis.matching.csv_input import read_records

PERSONS = 4_000
# Measured 0.9926 (0.987 when m is learnt on all candidates at once, without sessions).
F1_FLOOR = 0.99


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    directory = tmp_path_factory.mktemp("b6")
    records_path, truth_path = b6_generator.generate(PERSONS, directory)
    records = read_records(records_path, id_column="id").records
    return records, truth(truth_path)


def _f1(records, true_pairs) -> float:
    scored = linker.dedupe(records)
    chosen = scored.above(0.5)
    number = np.array([int(record_id[1:]) for record_id in scored.left_ids])
    left, right = number[scored.left[chosen]], number[scored.right[chosen]]
    pairs = np.unique(np.minimum(left, right) * 100_000_000 + np.maximum(left, right))
    return scores(pairs, true_pairs)["f1"]


def test_the_same_person_across_scripts_and_sources_is_found(registry):
    assert _f1(*registry) >= F1_FLOOR


def test_namesakes_do_not_teach_the_model_that_a_different_birth_date_is_the_same_person(
    registry, monkeypatch
):
    """Learnt on all candidates at once, the many people who share a common name (and
    siblings, who share surname, father and address) count as true pairs, so a differing
    birth date stops weighing against a match; the training sessions prevent it."""
    monkeypatch.setattr(fellegi_sunter, "SESSION_PAIRS", float("inf"))
    without_sessions = _f1(*registry)
    monkeypatch.undo()
    assert _f1(*registry) > without_sessions + 0.003
