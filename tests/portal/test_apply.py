"""Applying through the pages: one step per page, check the answers, send once."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from tests.eservices.form_data import stay_registration_data, trp_issue_data
from tests.portal.a11y import accessibility_problems
from tests.portal.journey import fill_all, start
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.intake import application_access_code_matches
from umis.cases.models import Application
from umis.eservices import registry

pytestmark = pytest.mark.django_db


def test_starting_needs_an_account(client):
    response = client.get("/apply/stay-registration/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=%2Fapply%2Fstay-registration%2F"


def test_start_page_lists_steps_and_documents(signed_in, applicant):
    html = signed_in(applicant).get("/apply/trp-issue/").content.decode()
    assert accessibility_problems(html) == []
    assert "Grounds and period" in html and "Medical certificate" in html
    assert not Application.objects.exists()  # looking is not starting


def test_stay_registration_journey_through_the_pages(signed_in, applicant):
    client = signed_in(applicant)
    application, first = start(client, "stay-registration")
    assert application.status == "draft" and application.applicant == applicant
    page = client.get(first)
    html = page.content.decode()
    assert accessibility_problems(html) == []
    assert "Step 1 of 4" in html
    assert 'autocomplete="family-name"' in html and 'type="date"' in html
    assert "Save and continue" in html and "Save draft and come back later" in html

    data = stay_registration_data()
    assert fill_all(client, application, data) == f"/apply/{application.number}/check/"
    check = client.get(f"/apply/{application.number}/check/").content.decode()
    assert accessibility_problems(check) == []
    assert "Iran" in check  # the nationality by name, not its code
    assert "Gusar" in check  # the district by name
    assert "A citizen (a private person)" in check
    assert f'href="/apply/{application.number}/stay/?from=check"' in check  # a change link
    # A change made from there comes back to it.
    stay = {k: v for k, v in data.items() if k in {"address", "district", "arrival_date"}}
    changed = client.post(
        f"/apply/{application.number}/stay/",
        {**stay, "stay_until": data["stay_until"], "from": "check"},
    )
    assert changed["Location"] == f"/apply/{application.number}/check/"

    response = client.post(f"/apply/{application.number}/check/")
    assert response["Location"] == f"/apply/{application.number}/sent/"
    sent = client.get(response["Location"]).content.decode()
    assert accessibility_problems(sent) == []
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.form_data["nationality"] == "IRN"  # cleaned at submission
    assert application.place_of_stay_district.code == "gusar"
    assert application.number in sent
    code = sent.split('id="access-code">', 1)[1].split("<", 1)[0]
    assert application_access_code_matches(application=application, code=code)
    assert "working day after accepting your application" in sent
    # Shown once: the page no longer has the code.
    assert code not in client.get(f"/apply/{application.number}/sent/").content.decode()


def test_trp_journey_shows_translated_options_and_submits(signed_in, applicant):
    client = signed_in(applicant, language="ru")
    application, _first = start(client, "trp-issue")
    html = client.get(f"/apply/{application.number}/grounds/").content.decode()
    assert "Воссоединение семьи" in html  # the grounds' labels, translated
    assert 'value="family"' in html
    fill_all(client, application, trp_issue_data(fee_tier="fast"))
    client.post(f"/apply/{application.number}/check/")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.place_of_stay_district.code == "gusar"  # where the applicant lives
    sent = client.get(f"/apply/{application.number}/sent/").content.decode()
    assert "15 рабочих дней" in sent


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_errors_beside_the_fields_in_the_chosen_language_with_input_kept(
    signed_in, applicant, language
):
    from django.utils import translation

    client = signed_in(applicant, language=language)
    application, first = start(client, "stay-registration")
    answers = {
        **{k: v for k, v in stay_registration_data().items() if k in {"sex", "nationality"}},
        "surname": "Резаи",
        "given_names": "Mohammad",
        "birth_date": "2999-01-01",
        "document_number": "P123",
    }
    response = client.post(first, answers)
    assert response.status_code == 200
    html = response.content.decode()
    assert accessibility_problems(html) == []
    with translation.override(language):
        title = translation.gettext("There is a problem")
        future = translation.gettext("Date of birth: the date cannot be in the future.")
        latin = translation.gettext(
            "%(field)s: use Latin letters as printed in the passport "
            "(spaces, hyphens and apostrophes are allowed)."
        ) % {"field": translation.gettext("Surname (as in the passport, Latin letters)")}
    if language != "en":
        assert future != "Date of birth: the date cannot be in the future."
    assert title in html
    assert html.count(escape(future)) == 2  # in the summary and beside the field
    assert html.count(escape(latin)) == 2
    assert 'value="Резаи"' in html and 'value="2999-01-01"' in html
    assert "usa-input--error" in html
    # The next page's questions are not errors yet.
    assert "Address" not in html.split("error-summary", 1)[1].split("</div>", 1)[0]
    application.refresh_from_db()
    assert application.form_data["surname"] == "Резаи"  # kept as typed


def test_a_date_typed_as_garbage_is_named_and_kept(signed_in, applicant):
    client = signed_in(applicant)
    application, first = start(client, "stay-registration")
    answers = {**stay_registration_data(), "birth_date": "17/04/banana"}
    step = registry.get("stay-registration").form.form_steps()[0]
    html = client.post(first, {k: answers[k] for k in step.fields}).content.decode()
    assert "Date of birth: the value is not valid." in html
    assert 'value="17/04/banana"' in html


def test_missing_answers_are_required_and_later_steps_wait(signed_in, applicant):
    client = signed_in(applicant)
    application, first = start(client, "stay-registration")
    html = client.post(first, {}).content.decode()
    assert "Surname (as in the passport, Latin letters): this field is required." in html
    assert "Sex: this field is required." in html
    assert "Arrival date" not in html


def test_draft_saved_and_resumed(signed_in, applicant):
    client = signed_in(applicant)
    application, first = start(client, "stay-registration")
    response = client.post(first, {"surname": "Rezaei", "save_and_exit": ""})
    assert response["Location"] == "/applications/"
    listing = client.get("/applications/").content.decode()
    assert application.number in listing and "Continue" in listing
    assert f'href="/apply/{application.number}/person/"' in listing
    again = client.get(first).content.decode()
    assert 'value="Rezaei"' in again
    assert AuditEntry.objects.filter(action="application.draft_save").exists()


def test_a_nul_character_in_an_answer_is_dropped_and_the_rest_kept(signed_in, applicant):
    client = signed_in(applicant)
    application, first = start(client, "stay-registration")
    response = client.post(first, {"surname": "Re\x00zaei", "given_names": "\x00"})
    assert response.status_code in (200, 302)
    application.refresh_from_db()
    assert application.form_data["surname"] == "Rezaei"
    assert 'value="Rezaei"' in client.get(first).content.decode()


def test_double_submit_sends_once(signed_in, applicant):
    client = signed_in(applicant)
    application, _ = start(client, "stay-registration")
    fill_all(client, application, stay_registration_data())
    first = client.post(f"/apply/{application.number}/check/")
    second = client.post(f"/apply/{application.number}/check/")
    assert first["Location"] == second["Location"] == f"/apply/{application.number}/sent/"
    application.refresh_from_db()
    assert application.status == "submitted" and application.version >= 2
    assert application.events.filter(transition="submit").count() == 1
    # Once sent the draft pages are closed: they lead to the status page.
    response = client.get(f"/apply/{application.number}/person/")
    assert response["Location"] == f"/applications/{application.number}/"


def test_unconfirmed_account_can_prepare_but_not_send(signed_in, portal_user_factory):
    user = portal_user_factory(confirmed=False)
    client = signed_in(user)
    application, _ = start(client, "stay-registration")
    fill_all(client, application, stay_registration_data())
    response = client.post(f"/apply/{application.number}/check/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Confirm your e-mail address before you submit an application" in html
    assert "Send the link again" in html
    application.refresh_from_db()
    assert application.status == "draft"


def test_check_page_lists_what_is_missing_and_does_not_send(signed_in, applicant):
    client = signed_in(applicant)
    application, first = start(client, "stay-registration")
    check = client.get(f"/apply/{application.number}/check/").content.decode()
    assert "Some answers are missing or need a change" in check
    assert "Send the application" not in check
    client.post(f"/apply/{application.number}/check/")
    application.refresh_from_db()
    assert application.status == "draft"


def test_host_registers_a_guest(signed_in, portal_user_factory):
    host = portal_user_factory(Role.HOST)
    client = signed_in(host)
    application, first = start(client, "stay-registration")
    html = client.get(first).content.decode()
    assert "<h1" in html and "The person staying with you" in html
    fill_all(client, application, stay_registration_data())
    client.post(f"/apply/{application.number}/check/")
    application.refresh_from_db()
    assert application.status == "submitted" and application.applicant == host
    assert application.form_data["surname"] == "Rezaei"  # the guest is the subject


def test_a_host_cannot_start_a_residence_permit(signed_in, portal_user_factory):
    client = signed_in(portal_user_factory(Role.HOST))
    assert client.get("/apply/trp-issue/").status_code == 403
    assert client.post("/apply/trp-issue/").status_code == 403
    assert not Application.objects.exists()


def test_someone_elses_draft_is_not_found(signed_in, applicant, portal_user_factory):
    application, first = start(signed_in(applicant), "stay-registration")
    stranger = signed_in(portal_user_factory())
    assert stranger.get(first).status_code == 404
    assert stranger.post(f"/apply/{application.number}/check/").status_code == 404


def test_staff_cannot_use_the_applicant_pages(verified_client, staff_user):
    client = verified_client(staff_user)
    assert client.get("/apply/stay-registration/").status_code == 403
    assert client.get("/applications/").status_code == 403


def test_unknown_service_and_step_are_not_found(signed_in, applicant):
    client = signed_in(applicant)
    assert client.get("/apply/moon-visa/").status_code == 404
    application, _ = start(client, "stay-registration")
    assert client.get(f"/apply/{application.number}/nowhere/").status_code == 404


def test_a_service_that_decides_by_itself_says_so(signed_in, applicant):
    # Stay registration declares its automatic decision (umis.cases.checks_decision).
    assert registry.get("stay-registration").auto_decision is not None
    client = signed_in(applicant)
    application, _ = start(client, "stay-registration")
    fill_all(client, application, stay_registration_data())
    client.post(f"/apply/{application.number}/check/")
    sent = client.get(f"/apply/{application.number}/sent/").content.decode()
    assert "Usually it is confirmed at once" in sent


def test_saving_a_page_of_a_draft_sent_meanwhile_changes_nothing(signed_in, applicant):
    client = signed_in(applicant)
    application, first = start(client, "stay-registration")
    fill_all(client, application, stay_registration_data())
    stale_page = client.get(first)  # a second tab still shows the first page
    assert stale_page.status_code == 200
    client.post(f"/apply/{application.number}/check/")
    response = client.post(first, {"surname": "Changed"})
    assert response["Location"] == f"/applications/{application.number}/"
    application.refresh_from_db()
    assert application.form_data["surname"] == "Rezaei"


def test_a_draft_sent_between_loading_and_saving_a_page_is_not_an_error(
    signed_in, applicant, monkeypatch
):
    from umis.cases import intake
    from umis.core.errors import Conflict

    client = signed_in(applicant)
    application, first = start(client, "stay-registration")

    def sent_meanwhile(**kwargs):
        raise Conflict("sent")

    monkeypatch.setattr(intake, "application_draft_save", sent_meanwhile)
    response = client.post(first, {"surname": "Rezaei"})
    assert response.status_code == 302
    assert response["Location"] == f"/applications/{application.number}/"


def test_optional_questions_show_their_default_and_their_type(signed_in, applicant):
    client = signed_in(applicant)
    application, _ = start(client, "stay-registration")
    html = client.get(f"/apply/{application.number}/stay/").content.decode()
    assert 'name="reason" id="id_reason_0" value="first" checked' in html
    assert 'type="date" name="moved_on"' in html
    assert "(optional)" in html  # the day of moving is asked only for a change of address


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_work_grounds_without_an_employer_tin_are_an_error_on_the_same_page(
    signed_in, applicant, language
):
    from django.utils import translation

    client = signed_in(applicant, language=language)
    application, _first = start(client, "trp-issue")
    response = client.post(
        f"/apply/{application.number}/grounds/",
        {"grounds": "work", "employer_tin": "", "period": "12m"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        message = translation.gettext(
            "Employer's TIN: on work grounds, enter the employer's tax identification number."
        )
    if language != "en":
        assert not message.startswith("Employer's TIN")
    assert html.count(escape(message)) == 2  # in the summary and beside the field
    assert 'name="employer_tin"' in html

    fixed = client.post(
        f"/apply/{application.number}/grounds/",
        {"grounds": "work", "employer_tin": "1402345671", "period": "12m"},
    )
    assert fixed.status_code == 302
    application.refresh_from_db()
    assert application.form_data["employer_tin"] == "1402345671"
