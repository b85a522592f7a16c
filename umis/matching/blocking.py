"""Which pairs of records are compared at all: the union of blocking rules.

A rule is a tuple of key columns of ``Prepared`` (see records.py); two records are a
candidate pair under it when every key is non-empty and equal on both. The union of the
rules must keep (nearly) every true pair while comparing a small share of all pairs.

``DEFAULT_RULES`` are specific enough for a registry of millions: identifiers, the birth
date with the sound of either name, the sounds of the whole name (in any order, so a
swapped given name and surname meet) with the birth year or with the day and month (a year
mistyped), the birth date with sex and nationality (both names spelt past recognition),
the address. ``BROAD_RULES`` catch a little more (the birth date alone, one name's sound
with the year, the names' sounds alone) but their blocks grow with the data, so the pairs
they give grow with its square: each is used only while it gives at most
``BROAD_PAIRS_PER_RECORD`` pairs per record, which keeps the work linear in the number of
records (on FEBRL's 5,000 records every rule is used; on 2,000,000 none of the broad ones).
A block larger than ``max_block`` records is left out (a key as common as that says
little). The rules were measured on FEBRL and on B6's registry (bench/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from umis.matching.records import Prepared

Rule = tuple[str, ...]

DEFAULT_RULES: tuple[Rule, ...] = (
    ("national_id",),
    ("document_number",),
    ("birth_date_key", "given_sound"),
    ("birth_date_key", "surname_sound"),
    ("name_sounds", "birth_year"),
    ("name_sounds", "birth_day_month"),
    ("birth_date_key", "sex", "nationality"),
    ("given_sound", "postcode"),
    ("surname_sound", "postcode"),
    ("address",),
)
BROAD_RULES: tuple[Rule, ...] = (
    ("birth_date_key",),
    ("surname_sound", "birth_year"),
    ("given_sound", "birth_year"),
    ("name_sounds",),
    ("given_sound", "surname_sound"),
)
BROAD_PAIRS_PER_RECORD = 2.0
MAX_BLOCK = 2_000


def usable_rules(rules: Sequence[Rule], *sides: Prepared) -> list[Rule]:
    """The rules whose keys every side has (a rule on a field nobody filled is no rule)."""
    return [
        rule
        for rule in rules
        if all(all(side.columns[key].present for key in rule) for side in sides)
    ]


def _block_pairs(codes: np.ndarray, side: np.ndarray | None, max_block: int) -> float:
    """How many pairs a rule's codes give (one set, or across two by ``side``), counted
    from the block sizes without enumerating them."""
    present = codes >= 0
    _, inverse, sizes = np.unique(codes[present], return_inverse=True, return_counts=True)
    kept = (sizes >= 2) & (sizes <= max_block)
    if side is None:
        return float((sizes[kept] * (sizes[kept] - 1) / 2).sum())
    right = np.bincount(inverse.ravel(), weights=side[present], minlength=len(sizes))
    return float(((sizes - right) * right)[kept].sum())


def chosen_rules(
    *sides: Prepared,
    rules: Sequence[Rule] = DEFAULT_RULES,
    broad_rules: Sequence[Rule] = BROAD_RULES,
    max_block: int = MAX_BLOCK,
) -> list[Rule]:
    """The rules blocking uses on these records: the usable ones of ``rules`` and each
    usable broad rule that stays within its budget (see the module's docstring)."""
    chosen = usable_rules(rules, *sides)
    records = sum(len(side) for side in sides)
    for rule in usable_rules(broad_rules, *sides):
        codes = np.concatenate([_rule_codes(side, rule) for side in sides])
        side = None
        if len(sides) == 2:
            side = np.r_[np.zeros(len(sides[0])), np.ones(len(sides[1]))]
        if _block_pairs(codes, side, max_block) <= BROAD_PAIRS_PER_RECORD * records:
            chosen.append(rule)
    return chosen


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
    prepared: Prepared, rules: Sequence[Rule] | None = None, max_block: int = MAX_BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs (i, j), i < j, of records in one set sharing a rule's keys; without
    ``rules``, those ``chosen_rules`` picks."""
    n = len(prepared)
    keys = []
    if rules is None:
        rules = chosen_rules(prepared, max_block=max_block)
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
    rules: Sequence[Rule] | None = None,
    max_block: int = MAX_BLOCK,
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs (i in left, j in right) sharing a rule's keys; without ``rules``,
    those ``chosen_rules`` picks."""
    n_left, n_right = len(left), len(right)
    side = np.r_[np.zeros(n_left, np.int8), np.ones(n_right, np.int8)]
    keys = []
    if rules is None:
        rules = chosen_rules(left, right, max_block=max_block)
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
    # Sorted in place and deduplicated by neighbours: numpy's hash-based unique is several
    # times slower on the tens of millions of keys a large registry gives.
    every = np.concatenate(keys)
    every.sort()
    unique = every[np.r_[True, every[1:] != every[:-1]]] if len(every) else every
    return unique // width, unique % width
