"""Office pages of the watch list, and the hits on an application's page."""

from __future__ import annotations

import pytest

from tests.cases.checks_helpers import confirmed_applicant
from tests.cases.office_helpers import submit
from tests.screening.helpers import enter
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.screening.models import WatchListEntry

pytestmark = pytest.mark.django_db

FORM = {
    "list_kind": "wanted",
    "surname_latin": "Mammadov",
    "given_names_latin": "Ali",
    "surname_native": "Мамедов",
    "given_names_native": "Али",
    "birth_date": "1979-05",
    "sex": "M",
    "nationality": "RUS",
    "document_numbers": "75 1234567\nAB1234",
    "reason": "Interpol notice 2025/123.",
    "source": "other_authority",
    "valid_from": "2025-01-01",
    "valid_until": "",
}


@pytest.fixture
def head(staff_user_factory, verified_client):
    return verified_client(staff_user_factory(role=Role.APPROVING_OFFICER))


def test_a_head_enters_finds_changes_and_lifts_an_entry(head):
    response = head.post("/office/watch-list/new/", FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = WatchListEntry.objects.get()
    assert entry.birth_date.iso() == "1979-05"
    assert sorted(d.number for d in entry.documents.all()) == ["751234567", "AB1234"]

    page = head.get("/office/watch-list/", {"name": "Məmmədov"})
    assert "Mammadov Ali (Мамедов Али)" in page.content.decode()
    search = AuditEntry.objects.get(action="watchlist.search")
    assert search.details["shown"] == [entry.pk]

    page = head.get(f"/office/watch-list/{entry.pk}/")
    assert "751234567" in page.content.decode()
    assert AuditEntry.objects.filter(action="watchlist.view", target_id=str(entry.pk)).exists()

    changed = head.post(f"/office/watch-list/{entry.pk}/edit/", {**FORM, "birth_date": "1979"})
    assert changed.status_code == 302
    entry.refresh_from_db()
    assert entry.birth_month is None

    lifted = head.post(f"/office/watch-list/{entry.pk}/lift/", {"lift_reason": "Notice withdrawn."})
    assert lifted.status_code == 302
    entry.refresh_from_db()
    assert entry.is_lifted and entry.lift_reason == "Notice withdrawn."
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"watchlist.create", "watchlist.update", "watchlist.lift"} <= actions


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"birth_date": "1979-02-30"}, "birth_date", "This day does not exist in that month."),
        ({"surname_latin": "Мамедов"}, "surname_latin", "use Latin letters only"),
        ({"surname_native": "Mamедов"}, "surname_native", "mixes letters of different scripts"),
        ({"nationality": "QQQ"}, "nationality", "is not a known code"),
        ({"reason": ""}, "reason", "This field is required."),
    ],
)
def test_bad_input_comes_back_with_the_message_beside_the_field(head, changes, field, message):
    response = head.post("/office/watch-list/new/", {**FORM, **changes})
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert 'value="Ali"' in html  # what was typed is kept
    assert not WatchListEntry.objects.exists()


def test_a_search_by_a_name_mixing_scripts_is_refused_naming_the_field(head):
    enter()
    response = head.get("/office/watch-list/", {"name": "Rеzaei"})  # a Cyrillic "е"
    html = response.content.decode()
    assert 'id="id_name_error"' in html and "mixes letters of different scripts" in html
    assert "Rezaei" not in html  # no list shown for a refused search


def test_case_officers_cannot_open_the_list(staff_user_factory, verified_client):
    officer = verified_client(staff_user_factory(role=Role.CASE_OFFICER))
    assert officer.get("/office/watch-list/").status_code == 403
    assert officer.post("/office/watch-list/new/", FORM).status_code == 403


def test_the_application_page_shows_the_hit_with_its_explanation(
    staff_user_factory, verified_client
):
    enter()
    application = submit(confirmed_applicant())
    officer = verified_client(staff_user_factory(role=Role.CASE_OFFICER))
    html = officer.get(f"/office/applications/{application.number}/").content.decode()
    assert "Watch-list hits: on hold for an officer" in html
    assert "the same name (similarity 100 of 100)" in html
    assert "Deported in 2023" in html
    assert "Open the entry" not in html  # case officers do not open the list itself
