import pytest

from umis.matching.birthdates import BirthDateAgreement as A
from umis.matching.birthdates import compare_birth_dates, parse_birth_date
from umis.people.dates import PartialDate as D


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        (D(1985, 3, 7), D(1985, 3, 7), A.EXACT),
        (D(1985), D(1985, 3, 7), A.AGREES_WHERE_KNOWN),
        (D(1985, 3), D(1985, 3, 7), A.AGREES_WHERE_KNOWN),
        (D(1985, 3, 7), D(1985, 7, 3), A.DAY_MONTH_SWAPPED),
        (D(1985, 3, 7), D(1985, 3, 17), A.ONE_PART_DIFFERS),
        (D(1985, 3, 7), D(1985, 4, 7), A.ONE_PART_DIFFERS),
        (D(1985, 3, 7), D(1986, 3, 7), A.ONE_PART_DIFFERS),
        (D(1985, 3, 7), D(1991, 3, 7), A.DISAGREES),
        (D(1985, 3, 7), D(1985, 11, 20), A.DISAGREES),
        (D(1985, 3), D(1985, 4, 7), A.DISAGREES),
        (D(1985), D(1986), A.DISAGREES),
        (None, D(1985), A.MISSING),
    ],
)
def test_levels_of_agreement(left, right, level):
    assert compare_birth_dates(left, right) is level
    assert compare_birth_dates(right, left) is level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-03-07", D(1985, 3, 7)),
        ("19850307", D(1985, 3, 7)),
        ("1985-03", D(1985, 3)),
        ("1985", D(1985)),
        ("  ", None),
    ],
)
def test_birth_dates_read_as_iso_or_compact(text, expected):
    assert parse_birth_date(text) == expected


@pytest.mark.parametrize("text", ["1985-02-30", "07.03.1985", "19851307", "abc"])
def test_a_date_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        parse_birth_date(text)


def test_the_array_comparison_agrees_with_the_single_one():
    import itertools

    from umis.matching.birthdates import compare_birth_date_arrays

    dates = [None, D(1985), D(1986), D(1985, 3), D(1985, 7)]
    dates += [D(y, m, d) for y in (1985, 1986, 1990) for m in (3, 7, 4) for d in (3, 7, 17)]
    pairs = list(itertools.product(dates, repeat=2))

    def parts(values):
        return (
            [v.year if v else 0 for v in values],
            [(v.month or 0) if v else 0 for v in values],
            [(v.day or 0) if v else 0 for v in values],
        )

    got = compare_birth_date_arrays(parts([a for a, _ in pairs]), parts([b for _, b in pairs]))
    assert got.tolist() == [compare_birth_dates(a, b) for a, b in pairs]
