"""Train the linkage model the registry scores its duplicates with, from B6's generator.

The registry cannot be trained on itself (few files, no truth), so the model is fitted on
B6's seeded synthetic registry (the same names, scripts, sources and corruptions) with the
fields the registry holds: names, birth date, sex, nationality, documents and FIN. The
registry stores documents only as blind indexes, which agree or not and have no edit
distance, so the documents are trained as digests too. The prior is then set for the
registry's question (``umis.people.duplicates_scoring``), and the model is written as JSON
beside it. Same arguments, same file.

    python -m bench.registry_model [--persons N] [--seed N] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.b6_generator import SEED, generate
from bench.b6_registry import _pair_keys, scores, truth
from bench.pg import ROOT
from umis.matching.birthdates import parse_birth_date
from umis.matching.fellegi_sunter import Model
from umis.matching.linker import dedupe
from umis.matching.records import Record, clean_identifier
from umis.people.duplicates_scoring import FILES_ON_RECORD, REGISTRY_PRIOR

PERSONS = 60_000
OUT = ROOT / "umis" / "people" / "registry_model.json"
THRESHOLDS = (0.01, 0.05, 0.1, 0.2, 0.5, 0.95)


def digest(number: str) -> str:
    cleaned = clean_identifier(number)
    return hashlib.sha256(cleaned.encode()).hexdigest()[:32] if cleaned else ""


def read_records(path: Path) -> list[Record]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                birth = parse_birth_date(row["birth_date"])
            except ValueError:
                birth = None  # the generator writes a few impossible dates, as sources do
            records.append(
                Record(
                    id=row["id"],
                    given_name=row["given_name"],
                    surname=row["surname"],
                    patronymic=row["patronymic"],
                    birth_date=birth,
                    sex=row["sex"],
                    nationality=row["nationality"],
                    document_number=digest(row["document_number"]),
                    national_id=row["national_id"],
                )
            )
    return records


def for_the_registry(model: Model) -> Model:
    """The fitted model set for the registry's question: its prior, and its identifiers'
    chance agreement. A document number or a FIN belongs to one person, so two files of
    different persons share one by chance about once in as many files as the registry
    holds; the training set, far smaller, would put that chance much higher."""
    model = Model.from_dict(model.to_dict())
    model.prior = REGISTRY_PRIOR
    for k, comparison in enumerate(model.comparisons):
        if comparison.kind == "identifier":
            u = model.u[k]
            exact = 1.0 / FILES_ON_RECORD
            model.u[k] = np.r_[exact, (1 - exact) * u[1:] / u[1:].sum()]
    return model


def at_thresholds(
    model: Model, levels: np.ndarray, is_true: np.ndarray, records: int
) -> dict[str, dict[str, float]]:
    """Per threshold: the share of true candidate pairs at or above it (recall), and how
    many pairs of different persons are, per thousand records (officers' wasted looks)."""
    probability = model.probabilities(levels)
    out = {}
    for threshold in THRESHOLDS:
        flagged = probability >= threshold
        out[str(threshold)] = {
            "recall": round(float((flagged & is_true).sum() / max(is_true.sum(), 1)), 4),
            "false_per_1000_records": round(float((flagged & ~is_true).sum()) * 1000 / records, 2),
        }
    return out


def train(persons: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        records_csv, truth_csv = generate(persons, Path(directory), seed)
        records = read_records(records_csv)
        true_pairs = truth(truth_csv)
    started = time.perf_counter()
    scored = dedupe(records)
    seconds = time.perf_counter() - started
    numbers = np.array([int(record.id[1:]) for record in records], dtype=np.int64)
    chosen = scored.above(0.5)
    found = _pair_keys(numbers[scored.left[chosen]], numbers[scored.right[chosen]])
    quality = scores(found, true_pairs)
    fitted_prior = scored.model.prior
    model = for_the_registry(scored.model)
    left, right = numbers[scored.left], numbers[scored.right]
    is_true = np.isin(np.minimum(left, right) * 100_000_000 + np.maximum(left, right), true_pairs)
    return {
        "version": f"fs-registry-{persons}-{seed}",
        "trained_on": {
            "generator": "bench.b6_generator",
            "persons": persons,
            "seed": seed,
            "records": len(records),
            "candidate_pairs": len(scored),
            "fitted_prior": fitted_prior,
            "f1_at_0.5": round(quality["f1"], 4),
            "precision_at_0.5": round(quality["precision"], 4),
            "recall_at_0.5": round(quality["recall"], 4),
            "seconds": round(seconds, 1),
            "at_registry_prior": at_thresholds(model, scored.levels, is_true, len(records)),
        },
        "model": model.to_dict(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=PERSONS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    trained = train(args.persons, args.seed)
    args.out.write_text(json.dumps(trained, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(trained["trained_on"], indent=1), file=sys.stderr)


if __name__ == "__main__":
    main()
