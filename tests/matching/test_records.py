from umis.matching.records import Record, clean_identifier, prepare, prepare_pair
from umis.people.dates import PartialDate


def test_identifiers_keep_letters_and_digits_only():
    assert clean_identifier(" ab 12-34/5 ") == "AB12345"


def test_names_in_any_script_get_one_code():
    prepared = prepare([Record("1", surname="Алиев"), Record("2", surname="ALIEV"), Record("3")])
    codes = prepared.column("surname").codes
    assert codes[0] == codes[1] >= 0
    assert codes[2] == -1  # empty


def test_both_sides_of_a_linkage_share_codes():
    left, right = prepare_pair([Record("a", given_name="Leyla")], [Record("b", given_name="leyla")])
    assert left.column("given_name").codes[0] == right.column("given_name").codes[0]


def test_birth_dates_are_split_with_zero_for_unknown_parts():
    prepared = prepare(
        [Record("1", birth_date=PartialDate(1985, 3, 7)), Record("2", birth_date=PartialDate(1990))]
    )
    assert prepared.year.tolist() == [1985, 1990]
    assert prepared.month.tolist() == [3, 0]
    assert prepared.day.tolist() == [7, 0]
    assert prepared.column("birth_date_key").values[prepared.column("birth_date_key").codes[0]] == (
        "1985-03-07"
    )
    assert prepared.column("birth_date_key").codes[1] == -1  # only a day-exact date blocks


def test_a_field_nobody_filled_is_absent():
    prepared = prepare([Record("1", given_name="Ali"), Record("2", given_name="Vali")])
    assert prepared.has("given_name")
    assert not prepared.has("national_id")
    assert not prepared.has("birth_date")
