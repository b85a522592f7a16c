"""The office pages of crossings: within jurisdiction, with the permission, every reading
of a traveller's data audited; a person's crossings on their file, newest first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.border.conftest import feed_crossing
from tests.screening.helpers import enter
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.border.models import BorderCrossing
from umis.border.services import border_crossings_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def crossings(traveller_on_file):
    """Mamedov (north) entering then leaving, Aliyeva (south) entering, one stranger."""
    north = traveller_on_file()
    south = traveller_on_file(
        district="south",
        number="S55500011",
        surname_latin="Aliyeva",
        given_names_latin="Sabina",
        surname_native="Алиева",
        given_names_native="Сабина",
        birth_date="1990-07-01",
        sex="F",
    )
    border_crossings_store(
        source="push",
        crossings=[
            feed_crossing(crossing_id="IN-1"),
            feed_crossing(
                crossing_id="OUT-1",
                direction="out",
                occurred_at=datetime(2026, 6, 20, 18, 5, tzinfo=UTC),
                point_code="SAMUR",
                point_name="Samur border checkpoint (Russia)",
                point_kind="land",
            ),
            feed_crossing(
                crossing_id="S-1",
                surname="ALIYEVA",
                given_names="SABINA",
                birth_date="1990-07-01",
                sex="F",
                document_number="S55500011",
            ),
            feed_crossing(
                crossing_id="X-1",
                surname="KOWALSKI",
                given_names="JAN",
                nationality="POL",
                document_number="PL0000001",
            ),
        ],
    )
    return {"north": north, "south": south}


def by_id(crossing_id):
    return BorderCrossing.objects.get(crossing_id=crossing_id)


def test_a_regional_officer_sees_the_crossings_of_their_districts_only(
    client, login, north_officer, crossings
):
    login(client, north_officer)
    page = client.get(reverse("office:border:crossings"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "MAMEDOV ELVIN" in html
    assert "ALIYEVA" not in html and "KOWALSKI" not in html
    listed = AuditEntry.objects.get(action="border.crossings_list")
    assert sorted(listed.details["shown"]) == sorted([by_id("IN-1").pk, by_id("OUT-1").pk])
    assert listed.actor_id == north_officer.pk

    other = client.get(reverse("office:border:crossing", args=[by_id("S-1").pk]))
    assert other.status_code == 404
    stranger = client.get(reverse("office:border:crossing", args=[by_id("X-1").pk]))
    assert stranger.status_code == 404


def test_headquarters_sees_every_crossing_and_filters_the_unlinked(
    client, login, hq_officer, crossings
):
    login(client, hq_officer)
    html = client.get(reverse("office:border:crossings")).content.decode()
    assert "ALIYEVA" in html and "KOWALSKI" in html and "MAMEDOV" in html

    unlinked = client.get(reverse("office:border:crossings"), {"show": "unlinked"})
    html = unlinked.content.decode()
    assert "KOWALSKI" in html and "MAMEDOV" not in html

    bad = client.get(reverse("office:border:crossings"), {"show": "everything"})
    assert bad.status_code == 200
    assert "Show: choose one of the options." in bad.content.decode()


def test_staff_without_the_permission_are_refused(client, login, staff_user_factory, crossings):
    reception = staff_user_factory(role=Role.RECEPTION_OFFICER)
    login(client, reception)

    assert client.get(reverse("office:border:crossings")).status_code == 403
    crossing = by_id("IN-1")
    assert client.get(reverse("office:border:crossing", args=[crossing.pk])).status_code == 403
    assert not AuditEntry.objects.filter(
        action__in=["border.crossings_list", "border.crossing_view"]
    ).exists()


def test_the_persons_file_lists_their_crossings_newest_first_and_the_reading_is_audited(
    client, login, north_officer, crossings
):
    person = crossings["north"]
    login(client, north_officer)

    html = client.get(reverse("office:people:detail", args=[person.pk])).content.decode()

    section = html[html.index('id="border-crossings"') :]
    assert section.index("20 June 2026") < section.index("1 June 2026")
    assert "Samur border checkpoint (Russia)" in section
    assert "Exit" in section and "Entry" in section
    read = AuditEntry.objects.get(action="person.crossings_view")
    assert read.target_id == str(person.pk)
    assert read.actor_id == north_officer.pk
    assert sorted(read.details["crossings"]) == sorted([by_id("IN-1").pk, by_id("OUT-1").pk])


def test_a_watch_list_hit_is_visible_to_officers(client, login, hq_officer, districts):
    entry = enter(
        surname_latin="Kowalski",
        given_names_latin="Jan",
        surname_native="",
        given_names_native="",
        birth_date="1985-03-14",
        nationality="POL",
        document_numbers=["PL0000001"],
        reason="Entry banned after expulsion.",
    )
    border_crossings_store(
        source="push",
        crossings=[
            feed_crossing(
                crossing_id="X-1",
                surname="KOWALSKI",
                given_names="JAN",
                nationality="POL",
                document_number="PL0000001",
            )
        ],
    )
    login(client, hq_officer)

    listing = client.get(reverse("office:border:crossings"), {"show": "hits"}).content.decode()
    assert "KOWALSKI JAN" in listing and "Watch-list hit" in listing

    page = client.get(reverse("office:border:crossing", args=[by_id("X-1").pk]))
    html = page.content.decode()
    assert "Watch-list hits" in html
    assert "Entry banned after expulsion." in html
    assert reverse("office:screening:detail", args=[entry.pk]) in html
    assert AuditEntry.objects.filter(
        action="border.crossing_view", target_id=str(by_id("X-1").pk)
    ).exists()


@pytest.fixture
def possible(traveller_on_file):
    """Mamedov on file; a crossing of his on a passport UMIS does not know."""
    person = traveller_on_file()
    border_crossings_store(
        source="push", crossings=[feed_crossing(crossing_id="R-1", document_number="ZZ1234567")]
    )
    crossing = by_id("R-1")
    assert crossing.match_status == "possible"
    return person, crossing


def test_an_officer_confirms_a_possible_match(client, login, north_officer, possible):
    person, crossing = possible
    login(client, north_officer)
    page = client.get(reverse("office:border:crossing", args=[crossing.pk])).content.decode()
    assert "Is the traveller the person of this file?" in page

    answer = client.post(reverse("office:border:review", args=[crossing.pk]), {"decision": "link"})

    assert answer.status_code == 302
    crossing.refresh_from_db()
    assert (crossing.person, crossing.match_status, crossing.reviewed_by) == (
        person,
        "linked",
        north_officer,
    )
    confirmed = AuditEntry.objects.get(action="person.crossing_link_confirm")
    assert confirmed.target_id == str(person.pk) and confirmed.actor_id == north_officer.pk
    again = client.post(reverse("office:border:review", args=[crossing.pk]), {"decision": "link"})
    assert again.status_code == 409
    assert "decided already" in again.content.decode()


def test_an_officer_rejects_a_possible_match_and_it_is_not_proposed_again(
    client, login, north_officer, possible
):
    from umis.border.services import border_crossings_relink
    from umis.people.services import person_update

    person, crossing = possible
    login(client, north_officer)
    bad = client.post(reverse("office:border:review", args=[crossing.pk]), {"decision": "maybe"})
    assert bad.status_code == 422
    assert "Decision: choose whether the traveller is this person." in bad.content.decode()

    client.post(reverse("office:border:review", args=[crossing.pk]), {"decision": "reject"})

    crossing.refresh_from_db()
    assert (crossing.person, crossing.possible_person, crossing.match_status) == (
        None,
        None,
        "unlinked",
    )
    person_update(person=person, actor=None, data={"phone": "+994 50 123 45 67"})
    border_crossings_relink()
    crossing.refresh_from_db()
    assert crossing.possible_person is None


def test_reviewing_needs_the_right_to_edit_files_and_jurisdiction(
    client, login, south_officer, staff_user_factory, possible
):
    _person, crossing = possible
    url = reverse("office:border:review", args=[crossing.pk])
    login(client, south_officer)
    assert client.post(url, {"decision": "link"}).status_code == 404
    auditor = staff_user_factory(role=Role.AUDITOR, department="hq")
    login(client, auditor)
    assert client.post(url, {"decision": "link"}).status_code == 403
    crossing.refresh_from_db()
    assert crossing.match_status == "possible"
