"""The duplicate queue in the office: within jurisdiction, for those who may merge,
every reading and decision audited, every merge undoable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.people.models import DuplicateStatus, Person, PersonMerge, PotentialDuplicate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(make_person):
    make_person()
    make_person(surname_latin="Mammadov", surname_native="")
    return PotentialDuplicate.objects.get()


@pytest.fixture
def cross_region_pair(make_person):
    make_person(given_names_latin="Rashad", given_names_native="Рашад")
    make_person(district="south", given_names_latin="Rashad", given_names_native="Рашад")
    return PotentialDuplicate.objects.get(first__given_names_latin="Rashad")


def test_the_queue_lists_open_pairs_most_likely_first_and_audits_who_was_shown(
    client, login, north_officer, pair, make_person
):
    make_person(given_names_native="", birth_date="1985-03-15")  # a day typed wrong
    pairs = list(PotentialDuplicate.objects.order_by("-probability"))
    assert len(pairs) >= 2
    login(client, north_officer)
    page = client.get(reverse("office:people:duplicates"))
    assert page.status_code == 200
    html = page.content.decode()
    urls = [reverse("office:people:duplicate", args=[p.pk]) for p in pairs]
    assert all(url in html for url in urls)
    assert html.index(urls[0]) < html.index(urls[1])
    entry = AuditEntry.objects.get(action="person.duplicate_queue")
    assert set(entry.details["shown"]) == {p for x in pairs for p in (x.first_id, x.second_id)}
    assert page["Cache-Control"].startswith("max-age=0")


def test_compare_shows_both_files_whole_with_the_reasons_and_audits_both(
    client, login, north_officer, pair
):
    login(client, north_officer)
    page = client.get(reverse("office:people:duplicate", args=[pair.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("Mamedov", "Mammadov", "Мамедов", "14 March 1985", "Why this pair was raised"):
        assert text in html
    birth = next(f for f in pair.explanation["fields"] if f["field"] == "birth_date")
    assert birth["weight"] > 0
    assert "Date of birth" in html and "The same" in html and f"+{birth['weight']:.1f}" in html
    assert "Applications: 0" in html and "Permits: 0" in html
    reads = AuditEntry.objects.filter(action="person.view")
    assert {e.target_id for e in reads} == {str(pair.first_id), str(pair.second_id)}
    assert all(e.details["duplicate"] == pair.pk for e in reads)


def test_a_pair_with_a_file_outside_the_jurisdiction_does_not_exist(
    client, login, north_officer, hq_officer, cross_region_pair
):
    login(client, north_officer)
    assert (
        client.get(reverse("office:people:duplicate", args=[cross_region_pair.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("office:people:duplicate_merge", args=[cross_region_pair.pk]),
        {"merge-survivor": cross_region_pair.first_id, "merge-reason": "x"},
    )
    assert response.status_code == 404
    queue = client.get(reverse("office:people:duplicates")).content.decode()
    assert reverse("office:people:duplicate", args=[cross_region_pair.pk]) not in queue
    assert not AuditEntry.objects.filter(action="person.view").exists()
    client.logout()
    login(client, hq_officer)
    assert (
        client.get(reverse("office:people:duplicate", args=[cross_region_pair.pk])).status_code
        == 200
    )


def test_without_the_merge_right_every_page_is_forbidden(client, login, departments, pair):
    reception = User.objects.create_user(
        username="reception",
        password="x" * 20,
        role=Role.RECEPTION_OFFICER,
        department=departments["north"],
    )
    login(client, reception)
    assert client.get(reverse("office:people:duplicates")).status_code == 403
    assert client.get(reverse("office:people:duplicate", args=[pair.pk])).status_code == 403
    response = client.post(
        reverse("office:people:duplicate_keep_apart", args=[pair.pk]), {"apart-reason": "x"}
    )
    assert response.status_code == 403
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.OPEN


def test_merge_then_undo_from_the_survivors_page_with_the_audit_trail(
    client, login, north_officer, pair
):
    login(client, north_officer)
    url = reverse("office:people:duplicate_merge", args=[pair.pk])
    # A missing reason is named beside its field, the choice kept.
    refused = client.post(url, {"merge-survivor": pair.first_id, "merge-reason": ""})
    assert refused.status_code == 422
    assert "Give the reason for this decision." in refused.content.decode()
    response = client.post(url, {"merge-survivor": pair.first_id, "merge-reason": "Same person"})
    merge = PersonMerge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("office:people:merge", args=[merge.pk])
    page = client.get(response["Location"])
    assert "Same person" in page.content.decode()

    # The merged file opens as the survivor, whose page offers to undo the merge.
    absorbed_url = reverse("office:people:detail", args=[pair.second_id])
    opened = client.get(absorbed_url)
    assert opened["Location"] == reverse("office:people:detail", args=[pair.first_id])
    survivor_page = client.get(opened["Location"]).content.decode()
    assert "Files merged into this one" in survivor_page
    assert reverse("office:people:merge", args=[merge.pk]) in survivor_page

    # The API says where a merged file went.
    body = client.get(f"/api/v1/office/people/{pair.second_id}").json()
    assert body["merged_into"] == pair.first_id

    undone = client.post(reverse("office:people:merge", args=[merge.pk]), {"reason": "Twins"})
    assert undone["Location"] == absorbed_url
    assert client.get(absorbed_url).status_code == 200
    assert Person.objects.filter(merged_into__isnull=False).count() == 0
    actions = list(
        AuditEntry.objects.filter(action__startswith="person.").values_list("action", flat=True)
    )
    for action in ("person.merge", "person.merged_into", "person.unmerge", "person.unmerged"):
        assert actions.count(action) == 1
    assert AuditEntry.objects.get(action="person.unmerge").reason == "Twins"


def test_the_second_officer_is_told_the_pair_was_decided(
    client, login, north_officer, hq_officer, pair
):
    login(client, hq_officer)
    client.post(
        reverse("office:people:duplicate_keep_apart", args=[pair.pk]),
        {"apart-reason": "Different fathers"},
    )
    client.logout()
    login(client, north_officer)
    response = client.post(
        reverse("office:people:duplicate_merge", args=[pair.pk]),
        {"merge-survivor": pair.first_id, "merge-reason": "Same"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "already been decided" in html and "hq-officer" in html
    assert not PersonMerge.objects.exists()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("az", "Ehtimal olunan dublikatlar"),
        ("ru", "Возможные дубликаты"),
        ("en", "Potential duplicates"),
    ],
)
def test_the_queue_speaks_three_languages(client, login, north_officer, pair, language, text):
    login(client, north_officer)
    client.cookies["django_language"] = language
    page = client.get(reverse("office:people:duplicates"))
    assert text in page.content.decode()
