"""The screening engine: candidates by blocking keys, a score with its explanation."""

from __future__ import annotations

from datetime import date

import pytest

from tests.screening.helpers import enter
from umis.core.errors import ValidationFailed
from umis.screening.engine import screen_person
from umis.screening.models import WatchListKey

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def screen(surname="Rezaei", given="Mohammad Reza", born="1988-04-17", **kw):
    kw.setdefault("nationality", "IRN")
    return screen_person(names=[(surname, given)], birth_date=born, on=TODAY, **kw)


def parts(hit):
    return {p["field"]: p["agreement"] for p in hit.explanation}


def test_the_same_person_is_hit_with_an_explanation():
    entry = enter()
    result = screen()
    assert [h.entry_id for h in result.hits] == [entry.pk]
    hit = result.hits[0]
    assert parts(hit) == {"name": "same", "birth_date": "exact", "nationality": "same"}
    assert hit.score == sum(p["points"] for p in hit.explanation) == 90


@pytest.mark.parametrize(
    "surname, given, born, expected_date",
    [
        ("Мохаммад Реза", "Резаи", "1988-04-17", "exact"),  # Cyrillic, order swapped
        ("رضایی", "محمدرضا", "1988-04", "agrees_to_month"),  # native script, day missing
        ("Rezai", "Mohammad Reza", "1988-04-17", "exact"),  # transliteration variant
        ("Rezaie", "Mohamad Reza", "1988-17-04", None),  # typo; an impossible date: refused
        ("Rezaei", "Mohammad Reza", "1988-07-04", "differs"),  # a different date
        ("Rezaei", "Mohammad Reza", "1988-04-71", None),
    ],
)
def test_listed_person_written_differently(surname, given, born, expected_date):
    enter()
    if expected_date is None:
        with pytest.raises(ValidationFailed) as refused:
            screen(surname, given, born)
        assert "birth_date" in refused.value.fields
        return
    result = screen(surname, given, born)
    if expected_date == "differs":
        assert not result.is_hit  # a clearly different birth date outweighs the name
        return
    assert result.is_hit
    assert parts(result.hits[0])["birth_date"] == expected_date


def test_swapped_day_and_month_and_a_typo_in_the_name_still_hit():
    enter(birth_date="1988-04-07")
    result = screen("Rezxei", "Mohammad Reza", "1988-07-04")
    assert result.is_hit
    assert parts(result.hits[0]) == {
        "name": "similar",
        "birth_date": "day_month_swapped",
        "nationality": "same",
    }


def test_a_document_number_alone_is_a_hit_whatever_the_name():
    entry = enter()
    result = screen("Smith", "John", "1970-01-01", document_numbers=["k765-4321"])
    assert [h.entry_id for h in result.hits] == [entry.pk]
    assert parts(result.hits[0])["document"] == "same"


def test_an_unlisted_person_is_not_hit():
    enter()
    assert not screen("Mammadov", "Ali", "1990-01-01", nationality="AZE").is_hit


def test_only_entries_valid_on_the_day_count():
    enter(valid_from=date(2026, 7, 1))
    enter(valid_from=date(2024, 1, 1), valid_until=date(2025, 12, 31))
    assert not screen().is_hit
    assert screen_person(
        names=[("Rezaei", "Mohammad Reza")], birth_date="1988-04-17", on=date(2026, 7, 1)
    ).is_hit


def test_a_lifted_entry_no_longer_counts():
    from umis.screening.services import watchlist_entry_lift

    entry = enter()
    watchlist_entry_lift(entry=entry, reason="Ban annulled by court.", actor=None)
    assert not screen().is_hit


def test_candidates_come_from_keys_of_nearby_birth_years_only():
    enter()
    far = enter(birth_date="1950-04-17", document_numbers=[])
    unknown = enter(birth_date="", document_numbers=[])
    result = screen(document_numbers=[])
    assert result.candidates == 2  # the entry of 1988 and the one with no date
    assert far.pk not in {h.entry_id for h in result.hits}
    assert unknown.pk in {h.entry_id for h in result.hits}  # same name, nationality agrees
    assert WatchListKey.objects.filter(entry=far, birth_year=1950).exists()


@pytest.mark.parametrize(
    "names, born, field",
    [
        ([("", "")], "1988", "names.0.surname"),
        ([("Rеzaei", "Ali")], "1988", "names.0.surname"),  # a Cyrillic "е" in a Latin name
        ([("Rezaei", "Ali3")], "1988", "names.0.given_names"),
        ([("Rezaei", "Ali")], "1988-02-30", "birth_date"),
        ([("Rezaei", "Ali")], "2090", "birth_date"),
        ([("Rezaei", "Ali")], "12.03.1988", "birth_date"),
    ],
)
def test_bad_input_is_refused_naming_the_field(names, born, field):
    with pytest.raises(ValidationFailed) as refused:
        screen_person(names=names, birth_date=born, on=TODAY)
    assert field in refused.value.fields
    assert refused.value.fields[field]


def test_a_modifier_apostrophe_is_no_other_script():
    entry = enter(surname_latin="Pyatachenko", surname_native="Пʼятаченко", nationality="UKR")
    result = screen("Пʼятаченко", "Mohammad Reza", nationality="UKR")
    assert [h.entry_id for h in result.hits] == [entry.pk]


def test_bad_nationality_sex_and_document_are_named():
    with pytest.raises(ValidationFailed) as refused:
        screen_person(
            names=[("Rezaei", "Ali")],
            birth_date="",
            nationality="ZZZ",
            sex="Q",
            document_numbers=["ÄÖ-1"],
            on=TODAY,
        )
    assert {"nationality", "sex", "document_numbers.0"} <= set(refused.value.fields)
