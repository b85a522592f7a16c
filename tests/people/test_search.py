"""One search box: FIN, document number, or a name in any script, within jurisdiction."""

from __future__ import annotations

from datetime import date

import pytest

from umis.people import services
from umis.people.selectors import person_search

pytestmark = pytest.mark.django_db


def _ids(persons):
    return [p.pk for p in persons]


@pytest.fixture
def people(make_person):
    cyrillic = make_person()  # Mamedov / Мамедов, Elvin / Эльвин
    latin_only = make_person(
        surname_latin="Ivanova",
        given_names_latin="Anna",
        surname_native="",
        given_names_native="",
        sex="F",
    )
    georgian = make_person(
        surname_latin="Beridze",
        given_names_latin="Giorgi",
        surname_native="ბერიძე",
        given_names_native="გიორგი",
        nationality="GEO",
    )
    persian = make_person(
        surname_latin="Rezaei",
        given_names_latin="Mohammad",
        surname_native="رضایی",
        given_names_native="محمد",
        nationality="IRN",
    )
    azerbaijani = make_person(
        surname_latin="Məmmədov", given_names_latin="Əli", surname_native="", given_names_native=""
    )
    return {
        "cyrillic": cyrillic,
        "latin_only": latin_only,
        "georgian": georgian,
        "persian": persian,
        "azerbaijani": azerbaijani,
    }


@pytest.mark.parametrize(
    ("query", "who"),
    [
        # Cyrillic query, person with Latin and Cyrillic names; then Məmmədov, who sounds alike
        ("Мамедов", ["cyrillic", "azerbaijani"]),
        ("mamedov elvin", ["cyrillic"]),
        ("MAMED", ["cyrillic"]),  # a prefix is enough
        ("Иванова", ["latin_only"]),  # Cyrillic query finds a Latin-only person
        ("Ива Ан", ["latin_only"]),
        ("ბერიძე", ["georgian"]),  # Georgian script
        ("beridze giorgi", ["georgian"]),
        ("رضایی", ["persian"]),  # Arabic script
        ("محمد", ["persian"]),
        ("Mammadov", ["azerbaijani", "cyrillic"]),  # Ə is written A, as in passports
        ("Маммадов Али", ["azerbaijani"]),
    ],
)
def test_name_in_any_script(people, hq_officer, query, who):
    assert _ids(person_search(user=hq_officer, query=query)) == [people[w].pk for w in who]


def test_every_word_must_match(people, hq_officer):
    assert person_search(user=hq_officer, query="Mamedov Anna") == []
    # A token inside a word does not match: only word starts do.
    assert person_search(user=hq_officer, query="medov") == []


@pytest.mark.parametrize(
    ("query", "surname"),
    [
        ("Gasanov", "Hasanov"),  # Russian G for Azerbaijani H
        ("Гасанов", "Həsənov"),
        ("Kuliev", "Quliyev"),
        ("Dzhafarov", "Cəfərov"),
    ],
)
def test_a_name_spelt_another_way_is_found_after_the_exact_ones(
    make_person, hq_officer, query, surname
):
    spelt_so = make_person(surname_latin=query if query.isascii() else "Gasanov")
    other_way = make_person(surname_latin=surname, surname_native="")
    make_person(surname_latin="Huseynov", surname_native="")  # sounds alike, spelt apart
    found = _ids(person_search(user=hq_officer, query=query))
    assert found == [spelt_so.pk, other_way.pk]


def test_latin_query_finds_a_person_entered_in_cyrillic_only(make_person, hq_officer):
    person = make_person(surname_latin="Petrov", surname_native="Щукин", given_names_native="")
    assert _ids(person_search(user=hq_officer, query="shchukin")) == [person.pk]


def test_by_fin_exactly(people, hq_officer):
    fin = services.person_assign_fin(person=people["georgian"], actor=None)
    assert _ids(person_search(user=hq_officer, query=fin)) == [people["georgian"].pk]
    assert _ids(person_search(user=hq_officer, query=f" {fin.lower()} ")) == [people["georgian"].pk]


def test_by_document_number_through_the_blind_index(people, hq_officer):
    services.document_add(
        person=people["persian"],
        actor=None,
        type="passport",
        number="H12345678",
        issuing_state="IRN",
        expiry_date=date(2030, 1, 1),
    )
    for query in ("H12345678", "h12 345-678"):
        assert _ids(person_search(user=hq_officer, query=query)) == [people["persian"].pk]
    assert person_search(user=hq_officer, query="H1234567") == []


def test_only_within_jurisdiction(make_person, north_officer, south_officer):
    northern = make_person(district="north")
    southern = make_person(district="south")
    unplaced = make_person(district=None)
    assert _ids(person_search(user=north_officer, query="Mamedov")) == [northern.pk]
    assert _ids(person_search(user=south_officer, query="Mamedov")) == [southern.pk]
    assert unplaced.pk not in _ids(person_search(user=north_officer, query="Mamedov"))


def test_results_are_limited(make_person, hq_officer):
    for _ in range(5):
        make_person()
    assert len(person_search(user=hq_officer, query="Mamedov", limit=3)) == 3


@pytest.mark.parametrize(
    "query", ["", "   ", "\x00", "%", "___", "'; DROP TABLE x; --", "x" * 5000]
)
def test_odd_queries_do_not_break(people, hq_officer, query):
    assert isinstance(person_search(user=hq_officer, query=query), list)
