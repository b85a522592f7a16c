"""Which pairs of records are compared at all: the union of blocking rules.

A rule is a tuple of key columns of ``Prepared`` (see records.py); two records are a
candidate pair under it when every key is non-empty and equal on both. The union of the
rules must keep (nearly) every true pair while comparing a small share of all pairs;
``DEFAULT_RULES`` was chosen on the FEBRL data sets (see bench/README.md, B5). A block
larger than ``max_block`` records is left out (a key as common as that says little), so
the work stays bounded on a registry of millions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from umis.matching.records import Prepared

Rule = tuple[str, ...]

DEFAULT_RULES: tuple[Rule, ...] = (
    ("national_id",),
    ("document_number",),
    ("birth_date_key",),
    ("surname_sound", "birth_year"),
    ("given_sound", "birth_year"),
    ("name_sounds",),
    ("given_sound", "postcode"),
    ("surname_sound", "postcode"),
    ("given_sound", "surname_sound"),
    ("address",),
)
MAX_BLOCK = 2_000


def usable_rules(rules: Sequence[Rule], *sides: Prepared) -> list[Rule]:
    """The rules whose keys every side has (a rule on a field nobody filled is no rule)."""
    return [
        rule
        for rule in rules
        if all(all(side.columns[key].present for key in rule) for side in sides)
    ]


def _rule_codes(prepared: Prepared, rule: Rule) -> np.ndarray:
    """One int64 code per record for the rule's combined keys, -1 when a key is empty."""
    combined = np.zeros(len(prepared), dtype=np.int64)
    missing = np.zeros(len(prepared), dtype=bool)
    for key in rule:
        column = prepared.columns[key]
        combined = combined * (len(column.values) + 1) + column.codes
        missing |= column.codes < 0
    combined[missing] = -1
    return combined


def _pairs_in_sorted_groups(groups: np.ndarray, side: np.ndarray | None, max_block: int):
    """Positions (p, q), p < q, of equal ``groups`` in an array sorted by group (and, for
    linkage, by side within a group, left first): every pair, without a Python loop per
    group. Stepping the offset k keeps only positions whose group reaches k further."""
    n = len(groups)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    sizes = np.diff(np.r_[starts, n])
    size_of = np.repeat(sizes, sizes)
    allowed = (size_of >= 2) & (size_of <= max_block)
    active = np.flatnonzero(allowed)
    found_left, found_right = [], []
    offset = 1
    while active.size:
        partner = active + offset
        active = active[partner < n]
        partner = active + offset
        same = groups[partner] == groups[active]
        active, partner = active[same], partner[same]
        if side is None:
            found_left.append(active)
            found_right.append(partner)
        else:
            across = side[active] != side[partner]
            found_left.append(active[across])
            found_right.append(partner[across])
        offset += 1
    if not found_left:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(found_left), np.concatenate(found_right)


def dedupe_candidates(
    prepared: Prepared, rules: Sequence[Rule] = DEFAULT_RULES, max_block: int = MAX_BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs (i, j), i < j, of records in one set sharing a rule's keys."""
    n = len(prepared)
    keys = []
    for rule in usable_rules(rules, prepared):
        codes = _rule_codes(prepared, rule)
        records = np.flatnonzero(codes >= 0)
        order = records[np.argsort(codes[records], kind="stable")]
        p, q = _pairs_in_sorted_groups(codes[order], None, max_block)
        i, j = order[p], order[q]
        keys.append(np.minimum(i, j) * n + np.maximum(i, j))
    return _unique_pairs(keys, n)


def link_candidates(
    left: Prepared,
    right: Prepared,
    rules: Sequence[Rule] = DEFAULT_RULES,
    max_block: int = MAX_BLOCK,
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs (i in left, j in right) sharing a rule's keys."""
    n_left, n_right = len(left), len(right)
    side = np.r_[np.zeros(n_left, np.int8), np.ones(n_right, np.int8)]
    keys = []
    for rule in usable_rules(rules, left, right):
        codes = np.r_[_rule_codes(left, rule), _rule_codes(right, rule)]
        records = np.flatnonzero(codes >= 0)
        order = records[np.lexsort((side[records], codes[records]))]
        p, q = _pairs_in_sorted_groups(codes[order], side[order], max_block)
        i, j = order[p], order[q] - n_left  # left sorts first within a group
        keys.append(i * n_right + j)
    return _unique_pairs(keys, n_right)


def _unique_pairs(keys: list[np.ndarray], width: int) -> tuple[np.ndarray, np.ndarray]:
    if not keys:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    unique = np.unique(np.concatenate(keys))
    return unique // width, unique % width
