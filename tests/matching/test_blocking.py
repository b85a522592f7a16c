import itertools

import numpy as np

from umis.matching.blocking import dedupe_candidates, link_candidates
from umis.matching.records import Record, prepare, prepare_pair
from umis.people.dates import PartialDate


def pairs(i, j):
    return sorted(zip(i.tolist(), j.tolist(), strict=True))


def test_dedupe_gives_each_pair_sharing_a_key_once():
    records = [
        Record("0", surname="Aliyev", national_id="1"),
        Record("1", surname="Aliyev", national_id="1"),  # shares two keys with 0: one pair
        Record("2", surname="Aliyev", national_id="2"),
        Record("3", surname="Mammadov", national_id="3"),
    ]
    rules = [("surname",), ("national_id",)]
    assert pairs(*dedupe_candidates(prepare(records), rules)) == [(0, 1), (0, 2), (1, 2)]


def test_an_empty_key_blocks_nothing():
    records = [Record("0"), Record("1"), Record("2", surname="X"), Record("3", surname="X")]
    assert pairs(*dedupe_candidates(prepare(records), [("surname",)])) == [(2, 3)]


def test_a_rule_needs_all_its_keys():
    records = [
        Record("0", surname="Aliyev", birth_date=PartialDate(1985)),
        Record("1", surname="Aliyev", birth_date=PartialDate(1985, 3)),
        Record("2", surname="Aliyev", birth_date=PartialDate(1986)),
    ]
    rules = [("surname", "birth_year")]
    assert pairs(*dedupe_candidates(prepare(records), rules)) == [(0, 1)]


def test_every_pair_of_a_large_block_and_none_of_a_block_above_the_limit():
    records = [Record(str(k), surname="Same") for k in range(40)]
    i, j = dedupe_candidates(prepare(records), [("surname",)], max_block=40)
    assert pairs(i, j) == list(itertools.combinations(range(40), 2))
    i, _ = dedupe_candidates(prepare(records), [("surname",)], max_block=39)
    assert len(i) == 0


def test_linkage_pairs_only_across_the_two_sets():
    left = [
        Record("a0", surname="Aliyev"),
        Record("a1", surname="Aliyev"),
        Record("a2", surname="Q"),
    ]
    right = [Record("b0", surname="Q"), Record("b1", surname="Aliyev")]
    prepared_left, prepared_right = prepare_pair(left, right)
    i, j = link_candidates(prepared_left, prepared_right, [("surname",)])
    assert pairs(i, j) == [(0, 1), (1, 1), (2, 0)]


def test_default_rules_find_a_swapped_name_and_a_retyped_document():
    records = [
        Record("0", given_name="Rashad", surname="Aliyev", national_id="AZE123"),
        Record("1", given_name="Aliyev", surname="Rashad"),
        Record("2", given_name="Leyla", surname="Q", national_id="AZE 123"),
    ]
    i, j = dedupe_candidates(prepare(records))
    assert {(0, 1), (0, 2)} <= set(pairs(i, j))
    assert np.all(i < j)
