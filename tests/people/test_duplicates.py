"""Blocking keys, the look-up on creation, the flags it raises and the scorer's reasons."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from umis.audit.models import AuditEntry
from umis.people import services
from umis.people.dates import PartialDate
from umis.people.duplicates import person_find_likely
from umis.people.duplicates_scoring import score_persons
from umis.people.models import DuplicateStatus, PersonBlockingKey, PotentialDuplicate
from umis.people.profiles import blocking_keys, profile_from_values, profile_of
from umis.people.resolution import person_match_or_create

pytestmark = pytest.mark.django_db


def _keys(person) -> set[str]:
    return set(PersonBlockingKey.objects.filter(person=person).values_list("key", flat=True))


def _passport(person, number="C01X00T47"):
    return services.document_add(
        person=person,
        actor=None,
        type="passport",
        number=number,
        issuing_state="RUS",
        expiry_date=date(2031, 5, 20),
    )


def test_keys_are_stored_on_create_and_follow_updates_documents_and_fin(make_person):
    person = make_person()
    keys = _keys(person)
    assert keys == blocking_keys(profile_of(person))
    assert "ny:mdv:1985" in keys and "nmd:mdv:3-14" in keys
    assert not any(k.startswith(("doc:", "fin:")) for k in keys)
    assert not any("mamedov" in k for k in keys)  # a sound key, never the clear name

    services.person_update(person=person, actor=None, data={"birth_date": "1986-03-14"})
    assert "ny:mdv:1986" in _keys(person) and "ny:mdv:1985" not in _keys(person)
    document = _passport(person)
    assert f"doc:{document.number_index}" in _keys(person)
    fin = services.person_assign_fin(person=person, actor=None)
    assert f"fin:{fin}" in _keys(person)


def test_the_same_person_in_cyrillic_and_latin_with_day_and_month_swapped_is_flagged(
    make_person, north_officer
):
    first = make_person(
        surname_latin="Mammadov",
        given_names_latin="Elvin",
        surname_native="",
        given_names_native="",
        birth_date="1985-03-07",
    )
    second = make_person(
        actor=north_officer,
        surname_latin="Mamedov",
        given_names_latin="Elvin",
        surname_native="Мамедов",
        given_names_native="Эльвин",
        birth_date="1985-07-03",
    )
    [pair] = PotentialDuplicate.objects.all()
    assert (pair.first_id, pair.second_id) == (first.pk, second.pk)
    assert pair.status == DuplicateStatus.OPEN and pair.found_by == "person.create"
    assert 0.1 <= pair.probability < 0.95
    levels = {f["field"]: f["level"] for f in pair.explanation["fields"]}
    assert levels["birth_date"] == "day_month_swapped"
    assert levels["surname"] in ("jaro_winkler>=0.92", "sounds_alike")
    assert levels["given_name"] == "exact"
    assert all("weight" in f for f in pair.explanation["fields"])
    entry = AuditEntry.objects.get(action="person.duplicate_flag")
    assert entry.target_id == str(second.pk)
    assert entry.actor_username == "north-officer"
    assert entry.details["other_person"] == first.pk


def test_different_persons_raise_no_flag(make_person):
    make_person()
    make_person(given_names_latin="Rashad", given_names_native="Рашад")  # a twin brother
    make_person(birth_date="1961-11-02")  # a namesake of another generation
    make_person(surname_latin="Huseynov", surname_native="Гусейнов")
    assert not PotentialDuplicate.objects.exists()


def test_two_files_on_one_passport_are_flagged_however_unlike_the_rest(make_person):
    first = make_person()
    _passport(first)
    second = make_person(
        surname_latin="Petrov",
        surname_native="Петров",
        given_names_latin="Ivan",
        given_names_native="Иван",
        birth_date="1979-06-02",
    )
    assert not PotentialDuplicate.objects.exists()
    _passport(second)
    pair = PotentialDuplicate.objects.get()
    assert pair.probability < 0.1  # the names say two persons; the passport says look
    levels = {f["field"]: f["level"] for f in pair.explanation["fields"]}
    assert levels["document_number"] == "exact" and levels["surname"] == "other"


def test_a_shared_document_makes_a_sure_match_and_a_decided_pair_is_not_reopened(
    make_person, north_officer
):
    first = make_person()
    second = make_person(district="south")
    pair = PotentialDuplicate.objects.get()
    assert not person_find_likely(profile=profile_of(second), minimum=0.95)[
        0
    ].may_link_automatically  # names and birth date alone never link
    _passport(first)
    _passport(second)
    pair.refresh_from_db()
    assert pair.probability > 0.99 and pair.found_by == "person.create"
    assert {f["field"]: f["level"] for f in pair.explanation["fields"]}["document_number"] == (
        "exact"
    )

    PotentialDuplicate.objects.filter(pk=pair.pk).update(status=DuplicateStatus.KEPT_APART)
    services.person_update(person=second, actor=None, data={"phone": "+994 50 123 45 67"})
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.KEPT_APART


def test_the_look_up_is_three_indexed_queries_whatever_the_registry(make_person):
    for year in range(1950, 1990):
        make_person(birth_date=f"{year}-03-14")
    profile = profile_from_values(
        surname_latin="Mamedov", given_names_latin="Elvin", birth=PartialDate(1985, 3, 14)
    )
    with CaptureQueriesContext(connection) as queries:
        matches = person_find_likely(profile=profile, minimum=0.5)
    assert len(queries) == 3
    assert len(matches) == 1
    assert "blocking" in queries[0]["sql"].lower()


def test_a_returning_person_is_linked_only_when_the_match_is_sure(make_person):
    known = make_person()
    _passport(known)
    fields = {
        "surname_latin": "Mamedov",
        "given_names_latin": "Elvin",
        "birth_date": date(1985, 3, 14),
        "sex": "M",
        "nationality": "RUS",
    }
    document = {"type": "other", "number": "C01 X00 T47", "issuing_state": "RUS"}
    person, created = person_match_or_create(
        actor=None, found_by="test", document=document, **fields
    )
    assert (person.pk, created) == (known.pk, False)
    assert AuditEntry.objects.filter(action="person.match_link").count() == 1

    # Without the document the same names and birth date are only a possible match.
    person, created = person_match_or_create(actor=None, found_by="test", **fields)
    assert created and person.pk != known.pk
    assert PotentialDuplicate.objects.filter(second=person, status="open").exists()


def test_a_merged_file_is_never_a_candidate_even_with_keys_left(make_person):
    first = make_person()
    second = make_person()
    type(second).objects.filter(pk=second.pk).update(merged_into=first)
    assert _keys(second)  # left on purpose: the look-up itself must skip merged files
    profile = profile_from_values(
        surname_latin="Mamedov", given_names_latin="Elvin", birth=PartialDate(1985, 3, 14)
    )
    assert [m.person_id for m in person_find_likely(profile=profile)] == [first.pk]


def test_the_scorer_explains_every_field():
    a = profile_from_values(
        surname_latin="Aliyev",
        given_names_latin="Rashad",
        birth=PartialDate(1990, 1, 2),
        sex="M",
        nationality="TUR",
        fin="AB12C3D",
    )
    b = profile_from_values(
        surname_latin="Rashad",
        given_names_latin="Aliyev",
        birth=PartialDate(1990),
        sex="F",
        nationality="GEO",
        fin="ZZ99Z9Z",
    )
    probability, explanation = score_persons(a, b)
    fields = {f["field"]: f for f in explanation["fields"]}
    assert fields["surname"]["level"] == fields["given_name"]["level"] == "swapped"
    assert fields["surname"]["weight"] > 0
    assert fields["birth_date"]["level"] == "agrees_where_known"
    assert fields["sex"]["level"] == fields["nationality"]["level"] == "other"
    assert fields["sex"]["weight"] < 0 and fields["nationality"]["weight"] < 0
    assert fields["national_id"]["level"] == "other" and fields["national_id"]["weight"] < 0
    assert probability < 0.01
    assert explanation["total_weight"] == pytest.approx(
        explanation["prior_weight"] + sum(f["weight"] for f in fields.values()), abs=0.01
    )


@pytest.mark.parametrize(
    "left, right, lowest, highest",
    [
        # The same person: Azerbaijani and Russian spellings, in two scripts.
        (
            {"surname_latin": "MAMMADOV", "given_names_latin": "ELVIN"},
            {"surname_latin": "", "surname_native": "Мамедов", "given_names_native": "Эльвин"},
            0.95,
            1.0,
        ),
        # Only the year of birth known on one file.
        ({"birth": PartialDate(1985)}, {}, 0.1, 0.99),
        # Brothers: the surname and patronymic shared, not the given name or birth date.
        (
            {"patronymic_latin": "Vugar"},
            {
                "given_names_latin": "Kamran",
                "patronymic_latin": "Vugar",
                "birth": PartialDate(1993, 5, 7),
            },
            0.0,
            0.001,
        ),
        # The same FIN: one citizen, whatever the spelling.
        ({"fin": "AB12C3D"}, {"surname_latin": "Mamedov", "fin": "AB12C3D"}, 0.999, 1.0),
        # Different FINs: an officer looks, and the files are never linked by themselves.
        ({"fin": "AB12C3D"}, {"fin": "ZZ99Z9Z"}, 0.1, 0.95),
    ],
)
def test_the_learnt_model_ranks_the_registrys_typical_pairs(left, right, lowest, highest):
    base = {
        "surname_latin": "Mammadov",
        "given_names_latin": "Elvin",
        "birth": PartialDate(1985, 3, 14),
        "sex": "M",
        "nationality": "AZE",
    }
    probability, explanation = score_persons(
        profile_from_values(**{**base, **left}), profile_from_values(**{**base, **right})
    )
    assert lowest <= probability <= highest, explanation


def test_rebuilding_the_keys_rewrites_stale_ones(make_person):
    from io import StringIO

    from django.core.management import call_command

    person = make_person()
    expected = _keys(person)
    stale = PersonBlockingKey.objects.filter(person=person).first()
    PersonBlockingKey.objects.filter(person=person).exclude(pk=stale.pk).delete()
    PersonBlockingKey.objects.filter(pk=stale.pk).update(key="ny:stale:1900")
    out = StringIO()
    call_command("people_rebuild_keys", stdout=out)
    assert _keys(person) == expected
    assert f"Blocking keys rewritten: {len(expected)}." in out.getvalue()
