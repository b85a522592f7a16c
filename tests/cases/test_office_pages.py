"""The officer's pages: queues, the application page and its decision panel."""

from __future__ import annotations

import re

import pytest

from tests.cases.office_helpers import checks_cleared_by_officer, move, submit
from tests.portal.a11y import accessibility_problems
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.models import Application
from umis.cases.services import application_flag_set

pytestmark = pytest.mark.django_db

QUEUE = "/office/applications/"


@pytest.fixture
def staff(staff_user_factory):
    return {
        "reception": staff_user_factory(Role.RECEPTION_OFFICER, first_name="Rəna"),
        "case": staff_user_factory(Role.CASE_OFFICER, first_name="Kamran"),
        "head": staff_user_factory(Role.APPROVING_OFFICER, first_name="Həsən"),
        "head2": staff_user_factory(Role.APPROVING_OFFICER, first_name="Nigar"),
        "ganja": staff_user_factory(Role.CASE_OFFICER, department="ganja"),
    }


@pytest.fixture
def as_(verified_client):
    return verified_client


def page(number: str) -> str:
    return f"{QUEUE}{number}/"


def act(client, number, transition, version, **fields):
    data = {"transition": transition, f"{transition}-expected_version": version}
    data.update({f"{transition}-{k}": v for k, v in fields.items()})
    return client.post(f"{page(number)}act/", data)


def under_review(applicant, staff, **kw):
    return move(
        submit(applicant, **kw), ("accept", staff["reception"]), ("start_review", staff["case"])
    )


# --- the queue --------------------------------------------------------------------------


def test_the_queue_lists_applications_with_tabs_counts_and_deadlines(applicant, staff, as_):
    new = submit(applicant, surname="Güneş")
    move(submit(applicant), ("accept", staff["reception"]))
    response = as_(staff["case"]).get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert new.number in html and "Güneş Mohammad Reza" in html
    assert "Registration at the place of stay" in html
    assert 'New <span class="umis-count">(1)</span>' in html
    assert 'All <span class="umis-count">(2)</span>' in html
    assert "Gusar" in html
    assert accessibility_problems(html) == []
    entry = AuditEntry.objects.filter(action="application.search").latest("seq")
    assert new.number in entry.details["shown"]


def test_the_queue_tab_and_search_keep_each_other(applicant, staff, as_):
    wanted = submit(applicant, surname="Quliyev")
    submit(applicant, surname="Smith")
    html = as_(staff["case"]).get(QUEUE, {"queue": "new", "q": "quli"}).content.decode()
    assert wanted.number in html and "Smith" not in html
    assert 'href="?queue=mine&amp;q=quli"' in html


def test_bad_filters_are_shown_beside_the_field_not_a_500(staff, as_):
    response = as_(staff["case"]).get(
        QUEUE, {"submitted_from": "2026-05-02", "submitted_to": "2026-05-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end date must not be before the start date." in html
    assert 'value="2026-05-02"' in html


def test_roles_without_casework_cannot_open_the_queue(staff_user_factory, as_):
    analyst = staff_user_factory(Role.ANALYST, department="hq")
    assert as_(analyst).get(QUEUE).status_code == 403


def test_the_queue_is_in_the_office_navigation(staff, as_):
    html = as_(staff["reception"]).get("/office/").content.decode()
    assert f'href="{QUEUE}"' in html


# --- the application page ---------------------------------------------------------------


def test_a_ganja_officer_gets_not_found_for_a_khachmaz_application(applicant, staff, as_):
    application = submit(applicant)
    client = as_(staff["ganja"])
    assert client.get(page(application.number)).status_code == 404
    assert act(client, application.number, "accept", application.version).status_code == 404
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_the_page_shows_the_answers_by_step_and_the_history_and_is_audited(applicant, staff, as_):
    application = move(submit(applicant, service="trp-issue"), ("accept", staff["reception"]))
    response = as_(staff["case"]).get(page(application.number))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Temporary residence permit" in html
    assert "Grounds and period" in html  # a step title of the service
    assert "Surname (as in the passport, Latin letters)" in html
    assert "Iran" in html  # the nationality named, not only its code
    assert "Work" in html  # the grounds' label, not the code
    assert "Accepted" in html and "Start review" in html
    assert accessibility_problems(html) == []
    assert AuditEntry.objects.filter(
        action="application.view",
        target_id=application.number,
        actor_username=staff["case"].username,
    ).exists()


@pytest.mark.parametrize("language", ["az", "ru"])
def test_the_page_renders_in_every_language(applicant, staff, as_, language):
    application = under_review(applicant, staff)
    client = as_(staff["case"])
    client.cookies["django_language"] = language
    html = client.get(page(application.number)).content.decode()
    assert f'<html lang="{language}">' in html
    assert accessibility_problems(html) == []


# --- the decision panel -----------------------------------------------------------------


def _buttons(html: str) -> set[str]:
    return set(re.findall(r'name="transition" value="([a-z_]+)"', html))


def test_the_panel_offers_exactly_what_this_officer_may_do_now(applicant, staff, as_):
    submitted = submit(applicant)
    assert _buttons(as_(staff["reception"]).get(page(submitted.number)).content.decode()) == {
        "accept",
        "return",
    }
    assert _buttons(as_(staff["head"]).get(page(submitted.number)).content.decode()) == set()
    reviewed = under_review(applicant, staff)
    assert _buttons(as_(staff["case"]).get(page(reviewed.number)).content.decode()) == {
        "propose_approval",
        "propose_refusal",
    }


def test_four_eyes_the_proposer_is_told_and_cannot_approve(applicant, staff, as_):
    application = move(under_review(applicant, staff), ("propose_approval", staff["head"]))
    own = as_(staff["head"])
    html = own.get(page(application.number)).content.decode()
    assert "approve" not in _buttons(html)
    assert "another approving officer must confirm it" in html
    # A forged POST gets the same rule from the service, as a page, not a 500.
    response = act(own, application.number, "approve", application.version)
    assert response.status_code == 403
    assert "four-eyes rule" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == "awaiting_approval"

    other = as_(staff["head2"])
    assert _buttons(other.get(page(application.number)).content.decode()) == {
        "approve",
        "send_back",
    }
    # The state systems have not answered here: the approval waits, and says for what.
    response = act(other, application.number, "approve", application.version)
    assert response.status_code == 409
    assert "have not answered yet" in response.content.decode()
    application = checks_cleared_by_officer(application, staff["case"])
    response = act(other, application.number, "approve", application.version)
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == "approved"


def test_accepting_from_the_page_sets_the_deadline(applicant, staff, as_):
    application = submit(applicant)
    response = act(as_(staff["reception"]), application.number, "accept", application.version)
    assert response.status_code == 302 and response["Location"] == page(application.number)
    application.refresh_from_db()
    assert application.status == "accepted" and application.due_date is not None


def test_a_refusal_needs_grounds_from_the_list_and_they_are_kept(applicant, staff, as_):
    application = under_review(applicant, staff)
    client = as_(staff["case"])
    response = act(client, application.number, "propose_refusal", application.version, reason="x")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose at least one ground for refusal." in html
    assert "There is a problem" in html
    assert "The address of stay does not exist" in html  # a registration ground is offered
    assert "unspent conviction" not in html  # a residence-permit ground is not

    response = act(
        client,
        application.number,
        "propose_refusal",
        application.version,
        grounds=["address_not_found"],
        reason="Nobody lives at this address.",
    )
    assert response.status_code == 302
    event = application.events.get(transition="propose_refusal")
    assert event.details["grounds"] == ["address_not_found"]
    assert event.reason == "Nobody lives at this address."


def test_a_stale_version_shows_the_current_state_and_keeps_the_typed_reason(applicant, staff, as_):
    application = under_review(applicant, staff)
    seen = application.version
    # Someone else acts first: the case is proposed for approval.
    move(application, ("propose_approval", staff["head"]))
    response = act(
        as_(staff["case"]),
        application.number,
        "propose_refusal",
        seen,
        grounds=["host_not_entitled"],
        reason="The host's flat is a shop.",
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this application" in html
    assert "Awaiting approval" in html  # the state as it is now
    assert "The host&#x27;s flat is a shop." in html
    assert Application.objects.get(pk=application.pk).status == "awaiting_approval"


def test_after_a_conflict_the_same_action_is_prefilled_and_can_be_sent_again(applicant, staff, as_):
    application = under_review(applicant, staff)
    seen = application.version
    # Someone else changes the case meanwhile (checks_pending is set since submission).
    application_flag_set(application=application, flag="potential_duplicate", actor=staff["head"])
    client = as_(staff["case"])
    typed = "Grounds not shown."
    response = act(
        client, application.number, "propose_refusal", seen, grounds=["other"], reason=typed
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert f"{typed}</textarea>" in html
    current = Application.objects.get(pk=application.pk).version
    assert f'name="propose_refusal-expected_version" value="{current}"' in html
    assert (
        act(
            client, application.number, "propose_refusal", current, grounds=["other"], reason=typed
        ).status_code
        == 302
    )


def test_requesting_documents_sets_the_flag_with_the_list_as_reason(applicant, staff, as_):
    application = under_review(applicant, staff, service="trp-issue")
    client = as_(staff["case"])
    response = client.post(
        f"{page(application.number)}request-documents/",
        {
            "documents-expected_version": application.version,
            "documents-kinds": ["photo", "medical_certificate"],
            "documents-other": "A rental contract",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert "documents_requested" in application.flags
    event = application.events.get(transition="flag_set", details__flag="documents_requested")
    assert event.reason == "Photograph; Medical certificate; A rental contract"

    html = client.get(page(application.number)).content.decode()
    assert "The documents have arrived" in html
    response = client.post(
        f"{page(application.number)}documents-received/",
        {"expected_version": application.version},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert "documents_requested" not in application.flags


def test_requesting_nothing_is_refused_beside_the_field(applicant, staff, as_):
    application = under_review(applicant, staff)
    response = as_(staff["case"]).post(
        f"{page(application.number)}request-documents/",
        {"documents-expected_version": application.version},
    )
    assert response.status_code == 422
    assert "Choose the documents needed or describe them." in response.content.decode()


def test_shortcuts_are_documented_and_marked_on_the_buttons(applicant, staff, as_):
    application = submit(applicant)
    html = as_(staff["reception"]).get(page(application.number)).content.decode()
    assert 'data-shortcut="a" aria-keyshortcuts="a"' in html
    assert "Keyboard shortcuts" in html
    assert "js/office-shortcuts" in html


def test_the_approver_starts_from_the_proposers_grounds_and_refuses(applicant, staff, as_):
    application = under_review(applicant, staff)
    act(
        as_(staff["case"]),
        application.number,
        "propose_refusal",
        application.version,
        grounds=["no_entry_record"],
        reason="No border crossing on record.",
    )
    application.refresh_from_db()
    head = as_(staff["head"])
    html = head.get(page(application.number)).content.decode()
    checked = re.search(r'<input[^>]*name="refuse-grounds" value="no_entry_record"[^>]*>', html)
    assert checked and " checked" in checked.group(0)
    response = act(
        head, application.number, "refuse", application.version, grounds=["no_entry_record"]
    )
    assert response.status_code == 302
    event = application.events.get(transition="refuse")
    assert event.details["grounds"] == ["no_entry_record"]
    # Without words of their own, the grounds are the reason.
    assert event.reason == "There is no record of the foreigner's entry into the country."


def test_the_answers_name_the_district_of_stay(applicant, staff, as_):
    application = submit(applicant, district="guba")
    html = as_(staff["case"]).get(page(application.number)).content.decode()
    assert "<dd>Guba</dd>" in html


def test_the_office_home_shows_how_much_waits_in_each_queue(applicant, staff, as_):
    submit(applicant)
    html = as_(staff["case"]).get("/office/").content.decode()
    assert "Applications waiting" in html
    assert f'href="{QUEUE}?queue=new">New <span class="umis-count">(1)</span>' in html
    assert accessibility_problems(html) == []


def test_history_rows_of_other_modules_are_named_by_them(applicant, staff, as_):
    from umis.cases.models import ApplicationEvent

    application = submit(applicant)
    ApplicationEvent.objects.create(
        application=application,
        transition="document_added",
        from_status="submitted",
        to_status="submitted",
        actor=applicant,
    )
    html = as_(staff["case"]).get(page(application.number)).content.decode()
    assert "Document added" in html
    assert html.count(">Documents</h2>") == 1


def test_the_queue_page_query_count_does_not_grow_with_its_rows(
    applicant, staff, as_, django_assert_max_num_queries
):
    head = as_(staff["head"])  # the richest page: filters and an assignment form per row
    for _ in range(2):
        submit(applicant)
    head.get(QUEUE)  # warm the per-process caches (calendar)
    with django_assert_max_num_queries(60) as few:
        assert head.get(QUEUE).status_code == 200
    for _ in range(10):
        move(submit(applicant), ("accept", staff["reception"]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = head.get(QUEUE).content.decode()
    assert html.count('name="assign-assignee"') == 12


def test_check_results_show_when_the_checks_module_gives_them(applicant, staff, as_, monkeypatch):
    from types import SimpleNamespace

    from umis.cases import office_page

    application = submit(applicant)
    line = SimpleNamespace(
        label="Criminal record",
        outcome="Failed",
        outcome_code="failed",
        summary="A record was found.",
        when=None,
    )
    monkeypatch.setattr(office_page, "_checks_for", lambda application: [line])
    html = as_(staff["case"]).get(page(application.number)).content.decode()
    assert "Criminal record" in html and "A record was found." in html
    assert '<span class="usa-tag bg-secondary-dark">Failed</span>' in html
