"""Office pages: search and the person's file, within jurisdiction, every opening audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.people.conftest import passport_mrz
from umis.audit.models import AuditEntry
from umis.people import services

pytestmark = pytest.mark.django_db


def _add_passport(person):
    services.document_add(
        person=person,
        actor=None,
        type="passport",
        number="C01X00T47",
        issuing_state="RUS",
        issue_date=date(2021, 5, 21),
        expiry_date=date(2031, 5, 20),
        mrz=passport_mrz(person),
    )


def test_search_page_finds_across_scripts(client, login, north_officer, make_person):
    person = make_person()
    login(client, north_officer)
    page = client.get(reverse("office:people:search"), {"q": "Мамедов"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="usa-table' in html and "usa-search" in html
    assert reverse("office:people:detail", args=[person.pk]) in html
    assert "14 March 1985" in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_empty_search_page_and_no_result(client, login, north_officer):
    login(client, north_officer)
    assert client.get(reverse("office:people:search")).status_code == 200
    page = client.get(reverse("office:people:search"), {"q": "Nobody"})
    assert "usa-alert" in page.content.decode()


def test_person_file_shows_decrypted_documents_and_is_audited(
    client, login, north_officer, make_person
):
    person = make_person()
    services.person_assign_fin(person=person, actor=None)
    person.refresh_from_db()
    _add_passport(person)
    login(client, north_officer)
    url = reverse("office:people:detail", args=[person.pk])
    for _ in range(2):
        page = client.get(url)
        assert page.status_code == 200
    html = page.content.decode()
    for text in ("C01X00T47", person.fin, "14 March 1985", "Russia", "Northtown", "Мамедов"):
        assert text in html
    views = AuditEntry.objects.filter(action="person.view", target_id=str(person.pk))
    assert views.count() == 2
    assert views.first().actor_username == "north-officer"
    assert all("C01X00T47" not in str(v.details) for v in views)


def test_person_of_another_region_is_not_found(
    client, login, north_officer, hq_officer, make_person
):
    southern = make_person(district="south")
    url = reverse("office:people:detail", args=[southern.pk])
    login(client, north_officer)
    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="person.view").exists()
    client.logout()
    login(client, hq_officer)
    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(action="person.view", actor_username="hq-officer").exists()


def test_pages_need_a_verified_second_factor(client, north_officer, make_person):
    person = make_person()
    client.force_login(north_officer)
    response = client.get(reverse("office:people:detail", args=[person.pk]))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="person.view").exists()
