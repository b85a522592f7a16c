import numpy as np
import pytest

from umis.matching.comparisons import ALL_COMPARISONS, DEFAULTS, comparisons_for, levels
from umis.matching.records import Record, prepare_pair
from umis.people.dates import PartialDate

BY_FIELD = {comparison.field: comparison for comparison in ALL_COMPARISONS}


def level(field, left: Record, right: Record) -> str:
    a, b = prepare_pair([left], [right])
    comparison = BY_FIELD[field]
    code = levels(comparison, a, b, np.zeros(1, int), np.zeros(1, int))[0]
    return comparison.labels[code]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("Aliyev", "ALIYEV", "exact"),
        ("Алиев", "Aliev", "exact"),  # one name in two scripts
        ("Aliyev", "Aliyeva", "jaro_winkler>=0.92"),
        ("Mammadov", "Mamedov", "jaro_winkler>=0.92"),  # mamadov / mamedov
        ("Həsənov", "Гасанов", "jaro_winkler>=0.8"),  # hasanov / gasanov
        ("Khasan", "حسن", "sounds_alike"),  # Arabic script leaves the vowels out
        ("Aliyev", "Huseynov", "other"),
        ("Aliyev", "", "missing"),
    ],
)
def test_surname_levels(left, right, expected):
    assert level("surname", Record("a", surname=left), Record("b", surname=right)) == expected


def test_a_given_name_written_as_the_surname_is_a_swap():
    a = Record("a", given_name="Rashad", surname="Aliyev")
    b = Record("b", given_name="Aliyev", surname="Rashad")
    assert level("given_name", a, b) == "swapped"
    assert level("surname", a, b) == "swapped"


def test_a_swap_is_found_across_scripts_and_spellings():
    a = Record("a", given_name="Fateme", surname="Dariushnedzhad")
    b = Record("b", given_name="داریوشنژاد", surname="فاطمه")
    assert level("given_name", a, b) == "swapped"
    assert level("surname", a, b) == "swapped"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("C1234567", "c 1234567", "exact"),
        ("C1234567", "C1234568", "one_edit"),
        ("C1234567", "C1243576", "two_edits"),
        ("C1234567", "P7654321", "other"),
        ("", "P7654321", "missing"),
    ],
)
def test_document_levels(left, right, expected):
    a, b = Record("a", document_number=left), Record("b", document_number=right)
    assert level("document_number", a, b) == expected


def test_birth_date_levels_follow_the_birth_date_comparison():
    a = Record("a", birth_date=PartialDate(1985, 3, 7))
    assert level("birth_date", a, Record("b", birth_date=PartialDate(1985, 7, 3))) == (
        "day_month_swapped"
    )
    assert level("birth_date", a, Record("b", birth_date=PartialDate(1985))) == "agrees_where_known"
    assert level("birth_date", a, Record("b")) == "missing"


def test_addresses_compare_as_sets_of_words():
    a = Record("a", address="12 Nizami street")
    assert level("address", a, Record("b", address="Nizami street 12")) == "token_set>=0.9"


def test_only_fields_both_sides_fill_are_compared():
    a, b = prepare_pair([Record("a", surname="X", sex="M")], [Record("b", surname="Y")])
    assert [c.field for c in comparisons_for(a, b)] == ["surname"]


def test_every_kind_has_defaults_for_its_levels():
    for comparison in ALL_COMPARISONS:
        m, u = DEFAULTS[comparison.kind]
        assert len(m) == len(u) == comparison.missing_level
        assert sum(m) == pytest.approx(1) and sum(u) == pytest.approx(1)
