"""Storing crossings: each once, linked to a person through the matching engine, screened
against the watch list, the traveller's data encrypted at rest."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.border.conftest import feed_crossing
from tests.screening.helpers import enter
from umis.audit.models import AuditEntry
from umis.border.models import BorderCrossing, CrossingWatchListHit, MatchStatus
from umis.border.services import border_crossings_relink, border_crossings_store
from umis.people.services import document_add, person_create

pytestmark = pytest.mark.django_db


def store(*crossings):
    return border_crossings_store(crossings=list(crossings), source="push")


def test_a_sure_match_links_the_crossing_to_the_person(traveller_on_file):
    person = traveller_on_file()

    result = store(feed_crossing())

    crossing = BorderCrossing.objects.get()
    assert (result.stored, result.linked) == (1, 1)
    assert crossing.person == person
    assert crossing.match_status == MatchStatus.LINKED
    assert crossing.match_probability >= 0.95
    link = AuditEntry.objects.get(action="person.crossing_link")
    assert link.target_id == str(person.pk)
    assert link.details["crossing"] == crossing.pk


def test_a_renewed_passport_is_only_a_possible_match_for_an_officer(traveller_on_file):
    person = traveller_on_file()

    result = store(feed_crossing(document_number="ZZ1234567"))

    crossing = BorderCrossing.objects.get()
    assert result.possible == 1
    assert crossing.person is None
    assert crossing.match_status == MatchStatus.POSSIBLE
    assert crossing.possible_person == person
    # Likely by names and birth date, but no shared document: an officer confirms it.
    assert crossing.match_probability > 0.5


def test_nobody_found_keeps_the_crossing_and_a_later_file_links_it(districts):
    store(feed_crossing(surname="KOWALSKI", given_names="JAN", nationality="POL"))
    crossing = BorderCrossing.objects.get()
    assert crossing.match_status == MatchStatus.UNLINKED
    assert crossing.person is None
    assert (crossing.surname, crossing.given_names, crossing.birth_date) == (
        "KOWALSKI",
        "JAN",
        "1985-03-14",
    )

    assert border_crossings_relink() == 0  # nothing new in the registry: still nobody
    person = person_create(
        actor=None,
        surname_latin="Kowalski",
        given_names_latin="Jan",
        birth_date="1985-03-14",
        sex="M",
        nationality="POL",
    )
    document_add(
        person=person,
        actor=None,
        type="national_id_card",
        number="C01X00T47",
        issuing_state="POL",
    )

    assert border_crossings_relink() == 1
    crossing.refresh_from_db()
    assert crossing.person == person
    assert crossing.match_status == MatchStatus.LINKED
    assert AuditEntry.objects.filter(
        action="person.crossing_relink", target_id=str(person.pk)
    ).exists()


def test_a_crossing_arriving_twice_is_stored_once(traveller_on_file):
    traveller_on_file()
    first = feed_crossing()

    assert store(first).stored == 1
    again = store(first, feed_crossing())

    assert (again.stored, again.already_stored) == (1, 1)
    assert BorderCrossing.objects.count() == 2


def test_a_watch_list_hit_on_a_crossing_is_recorded(districts):
    entry = enter(
        surname_latin="Mamedov",
        given_names_latin="Elvin",
        surname_native="",
        given_names_native="",
        birth_date="1985-03-14",
        nationality="RUS",
        document_numbers=["C01X00T47"],
    )

    other = feed_crossing(
        surname="SMITH", given_names="JOHN", birth_date="1970-01-02", document_number="X1"
    )
    result = store(feed_crossing(), other)

    assert result.watchlist_hits == 1
    hit = CrossingWatchListHit.objects.get()
    assert hit.entry == entry
    assert hit.crossing.watchlist_hit
    assert hit.explanation
    assert not BorderCrossing.objects.get(crossing_id=other.crossing_id).watchlist_hit
    audit = AuditEntry.objects.get(action="border.watchlist_hit")
    assert audit.details == {"entries": [entry.pk]}


def test_the_travellers_data_are_encrypted_at_rest(districts):
    store(feed_crossing(transport="10-AB-123"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT surname, given_names, birth_date, document_number, transport "
            "FROM border_bordercrossing"
        )
        row = cursor.fetchone()
    assert all(value.startswith("v1:") for value in row)
    assert not any(
        clear in value
        for value in row
        for clear in ("MAMEDOV", "ELVIN", "1985", "C01X00T47", "10-AB-123")
    )
    # Nothing of the traveller is written into the audit log.
    for entry in AuditEntry.objects.all():
        assert "MAMEDOV" not in str(entry.details) and "C01X00T47" not in str(entry.details)
