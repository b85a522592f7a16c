"""ICAO 9303 TD3 machine-readable zones: the specimen, every check digit, and round trips."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from umis.people.dates import PartialDate
from umis.people.mrz import MrzError, check_digit, mrz_build, parse_td3

# ICAO Doc 9303 Part 4, Appendix A: the specimen passport of "Utopia", a fictitious state.
SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)
TODAY = date(2025, 1, 1)


def _replace(mrz: str, line: int, position: int, char: str) -> str:
    lines = mrz.split("\n")
    lines[line] = lines[line][:position] + char + lines[line][position + 1 :]
    return "\n".join(lines)


def test_check_digits_of_the_specimen():
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("ZE184226B<<<<<") == "1"


def test_specimen_parses_field_by_field():
    data = parse_td3(SPECIMEN, extra_states={"UTO"}, today=TODAY)
    assert (data.document_code, data.issuing_state, data.nationality) == ("P", "UTO", "UTO")
    assert (data.surname, data.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert data.document_number == "L898902C3"
    assert (data.birth_year, data.birth_month, data.birth_day) == (1974, 8, 12)
    assert data.sex == "F"
    assert data.expiry_date == date(2012, 4, 15)
    assert data.optional_data == "ZE184226B"


def test_specimen_is_rebuilt_exactly():
    built = mrz_build(
        surname="Eriksson",
        given_names="Anna Maria",
        document_number="L898902C3",
        issuing_state="UTO",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="ZE184226B",
    )
    assert built == SPECIMEN


def test_fictitious_state_is_refused_outside_tests():
    with pytest.raises(MrzError) as caught:
        parse_td3(SPECIMEN, today=TODAY)
    assert caught.value.part == "issuing_state"
    assert "UTO" in caught.value.message


@pytest.mark.parametrize(
    ("position", "part", "message"),
    [
        (9, "document_number", "The check digit of the document number is wrong."),
        (19, "birth_date", "The check digit of the date of birth is wrong."),
        (27, "expiry_date", "The check digit of the expiry date is wrong."),
        (42, "optional_data", "personal number"),
        (43, "composite", "composite check digit"),
    ],
)
def test_each_wrong_check_digit_names_its_field(position, part, message):
    original = SPECIMEN.split("\n")[1][position]
    wrong = str((int(original) + 1) % 10)
    with pytest.raises(MrzError) as caught:
        parse_td3(_replace(SPECIMEN, 1, position, wrong), extra_states={"UTO"}, today=TODAY)
    assert caught.value.field == "mrz"
    assert caught.value.part == part
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("mrz", "part"),
    [
        (SPECIMEN.replace("<<<<<10", "<<<<10"), "length"),
        (SPECIMEN.split("\n")[0], "length"),
        (SPECIMEN.replace("ERIKSSON", "ERIKSS0N"), "names"),
        (SPECIMEN.replace("ERIKSSON", "ERIKSSÖN"), "characters"),
        (SPECIMEN.replace("L898902C3", "L898902C#"), "characters"),
        (SPECIMEN.replace("P<UTO", "V<UTO"), "document_code"),
        (SPECIMEN.replace("6UTO7", "6QQQ7"), "nationality"),
    ],
)
def test_malformed_zones_are_refused_with_the_part_at_fault(mrz, part):
    with pytest.raises(MrzError) as caught:
        parse_td3(mrz, extra_states={"UTO"}, today=TODAY)
    assert caught.value.part == part


def test_germany_is_written_d_and_read_as_deu():
    mrz = mrz_build(
        surname="Müller",
        given_names="Jürgen",
        document_number="C01X00T47",
        issuing_state="DEU",
        nationality="DEU",
        birth_date=date(1964, 8, 12),
        sex="M",
        expiry_date=date(2030, 10, 31),
    )
    assert mrz.startswith("P<D<<MULLER<<JURGEN<")
    data = parse_td3(mrz, today=TODAY)
    assert data.issuing_state == "D" and data.issuing_state_code == "DEU"
    assert data.nationality_code == "DEU"


def test_stateless_person_with_year_only_birth_and_azerbaijani_letters():
    mrz = mrz_build(
        surname="Məmmədov",
        given_names="Əli Rza-oğlu",
        document_number="AA1234567",
        issuing_state="GEO",
        nationality="XXA",
        birth_date=PartialDate(1980),
        sex="X",
        expiry_date=date(2031, 1, 15),
        document_code="PT",
    )
    data = parse_td3(mrz, today=TODAY)
    assert data.surname == "MAMMADOV" and data.given_names == "ALI RZA OGLU"
    assert (data.birth_year, data.birth_month, data.birth_day) == (1980, None, None)
    assert (data.nationality_code, data.sex, data.document_code) == ("XXA", "X", "PT")


def test_birth_century_never_in_the_future():
    mrz = mrz_build(
        surname="Old",
        given_names="Timer",
        document_number="X1",
        issuing_state="GBR",
        nationality="GBR",
        birth_date=date(1930, 5, 1),
        sex="M",
        expiry_date=date(2029, 5, 1),
    )
    assert parse_td3(mrz, today=TODAY).birth_year == 1930


_ALNUM = string.ascii_uppercase + string.digits
_states = st.sampled_from(["AZE", "RUS", "TUR", "IRN", "GEO", "IND", "CHN", "XXA", "XXB"])
_names = st.text(alphabet=string.ascii_uppercase + " ", min_size=1, max_size=20).filter(
    lambda s: s.strip()
)


@st.composite
def mrz_fields(draw):
    return {
        "surname": draw(_names),
        "given_names": draw(_names),
        "document_number": draw(st.text(alphabet=_ALNUM, min_size=1, max_size=9)),
        "issuing_state": draw(_states),
        "nationality": draw(_states),
        "birth_date": draw(st.dates(min_value=date(1926, 1, 1), max_value=TODAY)),
        "sex": draw(st.sampled_from("MFX")),
        "expiry_date": draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2074, 12, 31))),
        "optional_data": draw(st.text(alphabet=_ALNUM, max_size=14)),
    }


@settings(max_examples=200, deadline=None)
@given(mrz_fields())
def test_build_then_parse_gives_back_every_field(fields):
    data = parse_td3(mrz_build(**fields), today=TODAY)
    assert data.document_number == fields["document_number"]
    assert (data.issuing_state, data.nationality) == (
        fields["issuing_state"],
        fields["nationality"],
    )
    birth = fields["birth_date"]
    assert (data.birth_year, data.birth_month, data.birth_day) == (
        birth.year,
        birth.month,
        birth.day,
    )
    assert data.expiry_date == fields["expiry_date"]
    assert data.sex == fields["sex"]
    assert data.optional_data == fields["optional_data"]
    assert data.surname == " ".join(fields["surname"].split())


# Positions on line 2 covered by a check digit: number, birth date, expiry, optional data,
# and the check digits themselves (the composite covers them).
_CHECKED = [*range(0, 10), *range(13, 20), *range(21, 43)]


@settings(max_examples=300, deadline=None)
@given(mrz_fields(), st.sampled_from(_CHECKED), st.sampled_from(string.digits))
def test_any_single_digit_change_is_detected(fields, position, digit):
    mrz = mrz_build(**fields)
    line2 = mrz.split("\n")[1]
    if not line2[position].isdigit() or line2[position] == digit:
        return  # only digit-for-digit substitutions are promised to be caught
    with pytest.raises(MrzError) as caught:
        parse_td3(_replace(mrz, 1, position, digit), today=TODAY)
    assert caught.value.field == "mrz"
