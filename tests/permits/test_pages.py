"""The office's permit pages: search, the permit with its history, and the decision forms."""

from __future__ import annotations

import pytest

from tests.portal.a11y import accessibility_problems
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.permits.models import Permit
from umis.permits.services import permit_revoke

pytestmark = pytest.mark.django_db

SEARCH = "/office/permits/"


def page(permit) -> str:
    return f"{SEARCH}{permit.number}/"


def copies(permit, count):
    """More permits of the same decision, straight into the table (for paging); each one
    replaces the one before, as one permit per application allows."""
    previous = permit
    for i in range(count):
        previous = Permit.objects.create(
            number=f"TRP-2000-{i:07d}",
            permit_type=permit.permit_type,
            year=2000,
            sequence=i,
            holder_id=permit.holder_id,
            valid_from=permit.valid_from,
            valid_to=permit.valid_to,
            application_id=permit.application_id,
            issuing_department_id=permit.issuing_department_id,
            issued_at=permit.issued_at,
            issued_by_id=permit.issued_by_id,
            replaces=previous,
        )


def test_the_search_lists_the_department_s_permits_and_is_audited(
    trp_permit, staff, verified_client
):
    response = verified_client(staff["case"]).get(SEARCH)
    html = response.content.decode()
    assert response.status_code == 200
    assert trp_permit.number in html and "Rezaei Mohammad Reza" in html
    assert accessibility_problems(html) == []
    entry = AuditEntry.objects.get(action="permit.search")
    assert entry.details["shown"] == [trp_permit.number]
    # Another region's officer sees nothing of it.
    elsewhere = verified_client(staff["ganja"]).get(SEARCH).content.decode()
    assert trp_permit.number not in elsewhere and "No permit matches" in elsewhere


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"number": "trp-{year}-0000001"}, True),
        ({"number": "TRP-1999-0000001"}, False),
        ({"fin": "{fin}"}, True),
        ({"fin": "AAAAAAA"}, False),
        ({"name": "rezaei moh"}, True),
        ({"name": "Резаеи"}, True),
        ({"name": "Smith"}, False),
        ({"status": "active", "permit_type": "temporary_residence"}, True),
        ({"status": "revoked"}, False),
        ({"permit_type": "work"}, False),
    ],
)
def test_the_search_filters(trp_permit, staff, verified_client, query, found):
    values = {"year": trp_permit.year, "fin": trp_permit.fin.lower()}
    params = {k: v.format(**values) for k, v in query.items()}
    html = verified_client(staff["case"]).get(SEARCH, params).content.decode()
    assert (f">{trp_permit.number}<" in html) is found


def test_the_search_pages_through_many_permits(trp_permit, staff, verified_client):
    copies(trp_permit, 25)
    client = verified_client(staff["case"])
    first = client.get(SEARCH, {"status": "active"}).content.decode()
    assert "26 permits" in first and "Page 1 of 2" in first
    assert "status=active&amp;page=2" in first
    second = client.get(SEARCH, {"status": "active", "page": 2}).content.decode()
    assert "Page 2 of 2" in second


def test_the_permit_page_shows_holder_validity_decision_and_history(
    trp_permit, staff, verified_client
):
    response = verified_client(staff["head"]).get(page(trp_permit))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        trp_permit.number,
        "Rezaei Mohammad Reza",
        trp_permit.fin,
        "Khachmaz",
        trp_permit.application.number,
        "Issued",
        "Revoke",
        "Cancel",
        "Replace",
    ):
        assert text in html, text
    assert accessibility_problems(html) == []
    entry = AuditEntry.objects.get(action="permit.view")
    assert (entry.target_id, entry.actor_username) == (trp_permit.number, staff["head"].username)
    assert entry.details["person_id"] == trp_permit.holder_id


def test_a_case_officer_is_offered_only_the_replacement(trp_permit, staff, verified_client):
    html = verified_client(staff["case"]).get(page(trp_permit)).content.decode()
    assert f"{page(trp_permit)}replace/" in html
    assert f"{page(trp_permit)}revoke/" not in html
    assert verified_client(staff["case"]).get(f"{page(trp_permit)}revoke/").status_code == 403


def test_another_region_gets_404_for_every_permit_page(trp_permit, staff, verified_client):
    client = verified_client(staff["ganja_head"])
    for path in (page(trp_permit), f"{page(trp_permit)}revoke/", f"{page(trp_permit)}cancel/"):
        assert client.get(path).status_code == 404
    assert client.post(f"{page(trp_permit)}revoke/", {}).status_code == 404
    assert not AuditEntry.objects.filter(action="permit.view").exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_staff_without_casework_cannot_open_permits(
    trp_permit, staff_user_factory, verified_client, role
):
    client = verified_client(staff_user_factory(role, department="hq"))
    assert client.get(SEARCH).status_code == 403
    assert client.get(page(trp_permit)).status_code == 403


def test_revoking_asks_for_a_reason_and_a_confirmation_keeping_what_was_typed(
    trp_permit, staff, verified_client
):
    client = verified_client(staff["head"])
    form = client.get(f"{page(trp_permit)}revoke/").content.decode()
    assert "expected_version" in form and "Choose" not in form
    assert accessibility_problems(form) == []
    response = client.post(
        f"{page(trp_permit)}revoke/",
        {"expected_version": 1, "reason_code": "other", "reason": ""},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Explain the reason in your own words." in html
    assert "Tick the box to confirm the decision." in html
    assert 'value="other" checked' in html
    assert Permit.objects.get(pk=trp_permit.pk).status == "active"


def test_revoking_with_a_reason_and_confirmation_revokes(trp_permit, staff, verified_client):
    client = verified_client(staff["head"])
    response = client.post(
        f"{page(trp_permit)}revoke/",
        {
            "expected_version": 1,
            "reason_code": "grounds_ceased",
            "reason": "Contract ended.",
            "confirm": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == page(trp_permit)
    assert Permit.objects.get(pk=trp_permit.pk).status == "revoked"
    html = client.get(page(trp_permit)).content.decode()
    assert "is revoked" in html and "Contract ended." in html
    assert "grounds of the permit" in html  # the reason's words in the history
    assert "There is no decision for you to take" in html


def test_two_officers_at_once_the_second_is_told_what_happened(trp_permit, staff, verified_client):
    first, second = verified_client(staff["head"]), verified_client(staff["head2"])
    second.get(f"{page(trp_permit)}cancel/")  # the form, at version 1
    first.post(
        f"{page(trp_permit)}revoke/",
        {"expected_version": 1, "reason_code": "expulsion", "confirm": "on"},
    )
    response = second.post(
        f"{page(trp_permit)}cancel/",
        {
            "expected_version": 1,
            "reason_code": "other",
            "reason": "Left for good.",
            "confirm": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this permit" in html and "Revoked" in html
    assert "nothing more can be decided" in html
    assert "Left for good." in html  # what they typed is not lost
    assert Permit.objects.get(pk=trp_permit.pk).status == "revoked"


def test_a_stale_form_on_a_permit_still_active_can_be_sent_again(
    trp_permit, staff, verified_client
):
    Permit.objects.filter(pk=trp_permit.pk).update(version=2)  # changed meanwhile
    client = verified_client(staff["head"])
    data = {"expected_version": 1, "reason_code": "holder_request", "confirm": "on"}
    response = client.post(f"{page(trp_permit)}cancel/", data)
    html = response.content.decode()
    assert response.status_code == 409
    assert 'name="expected_version" value="2"' in html
    assert 'value="holder_request" checked' in html
    again = client.post(f"{page(trp_permit)}cancel/", {**data, "expected_version": 2})
    assert again.status_code == 302


def test_replacing_leads_to_the_new_permit(trp_permit, staff, verified_client):
    client = verified_client(staff["reception"])
    response = client.post(
        f"{page(trp_permit)}replace/",
        {"expected_version": 1, "reason_code": "lost", "confirm": "on"},
    )
    new = Permit.objects.get(replaces=trp_permit)
    assert response.status_code == 302 and response["Location"] == page(new)
    html = client.get(page(new)).content.decode()
    assert f"is issued in place of {trp_permit.number}" in html
    assert "Issued in place of" in html
    old_html = client.get(page(trp_permit)).content.decode()
    assert "Replaced by" in old_html and new.number in old_html


def test_a_decision_page_of_an_ended_permit_offers_no_form(trp_permit, staff, verified_client):
    permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="expulsion")
    html = verified_client(staff["head2"]).get(f"{page(trp_permit)}cancel/").content.decode()
    assert "nothing more can be decided" in html and 'name="confirm"' not in html


def test_the_office_navigation_offers_permits_to_casework_roles(staff, verified_client):
    html = verified_client(staff["reception"]).get("/office/").content.decode()
    assert 'href="/office/permits/"' in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("az", ["İcazələr", "Qüvvədədir", "Geri almaq", "%s nömrəli icazə geri alındı."]),
        ("ru", ["Разрешения", "Действует", "Отозвать", "Разрешение %s отозвано."]),
        ("en", ["Permits", "Active", "Revoke", "The permit %s is revoked."]),
    ],
)
def test_the_pages_speak_the_officer_s_language(
    trp_permit, staff, verified_client, language, words
):
    client = verified_client(staff["head"])
    client.cookies["django_language"] = language
    html = client.get(page(trp_permit)).content.decode()
    for word in words[:3]:
        assert word in html, word
    done = client.post(
        f"{page(trp_permit)}revoke/",
        {"expected_version": 1, "reason_code": "expulsion", "confirm": "on"},
        follow=True,
    )
    assert words[3] % trp_permit.number in done.content.decode()
