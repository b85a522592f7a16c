"""Every page we have passes axe-core with no serious or critical violation, in az, ru, en."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import sign_in
from umis.accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["az", "ru", "en"]


def _serious(results) -> list[str]:
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in {"serious", "critical"}:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
            problems.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return problems


def _set_language(page, live_server, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_pass_axe(page, live_server, language):
    _set_language(page, live_server, language)
    axe = Axe()
    for path in ["/", "/office/login/", "/verify/", "/check/", "/travel-ban/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_pages_pass_axe(page, live_server, language, staff_user_factory, person):
    _set_language(page, live_server, language)
    auditor = staff_user_factory(Role.AUDITOR, department="hq", username="auditor-a11y")
    officer = staff_user_factory(Role.CASE_OFFICER, department="khachmaz", username="officer-a11y")
    axe = Axe()

    sign_in(page, officer)
    for path in [
        "/office/",
        "/office/people/",
        "/office/people/?q=Мамедов",
        f"/office/people/{person.pk}/",
    ]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"

    page.context.clear_cookies()
    _set_language(page, live_server, language)
    sign_in(page, auditor)
    for path in ["/office/audit/", "/office/audit/?action=person.view"]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_watch_list_pages_pass_axe(page, live_server, language, staff_user_factory):
    from datetime import date

    from django.core.management import call_command

    from umis.screening.entry_input import EntryInput
    from umis.screening.services import watchlist_entry_create

    _set_language(page, live_server, language)
    # The office home after signing in counts the queues by policy values: reload them.
    call_command("load_policies", verbosity=0)
    head = staff_user_factory(Role.APPROVING_OFFICER, username="head-a11y")
    entry = watchlist_entry_create(
        data=EntryInput(
            list_kind="entry_ban",
            reason="Deported in 2023.",
            source="officer",
            valid_from=date(2024, 1, 1),
            surname_latin="Mammadov",
            given_names_latin="Ali",
            surname_native="Мамедов",
            birth_date="1979-05",
            document_numbers=["AB1234567"],
        ),
        actor=head,
    )
    sign_in(page, head)
    axe = Axe()
    for path in [
        "/office/watch-list/",
        "/office/watch-list/?name=Мамедов",
        f"/office/watch-list/{entry.pk}/",
        f"/office/watch-list/{entry.pk}/edit/",
        f"/office/watch-list/{entry.pk}/lift/",
        "/office/watch-list/new/",
    ]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"
    # The entry form refused: the error summary and the messages beside the fields.
    page.fill("#id_surname_latin", "Мамедов")
    page.click("main form.usa-form button[type=submit]")
    page.wait_for_selector("#id_reason_error")
    problems = _serious(axe.run(page))
    assert problems == [], f"new entry with errors [{language}]: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_duplicate_pages_pass_axe(page, live_server, language, staff_user_factory):
    from django.core.management import call_command

    from umis.people.models import PotentialDuplicate
    from umis.people.services import person_create

    _set_language(page, live_server, language)
    call_command("load_policies", verbosity=0)
    hq = staff_user_factory(Role.HQ_OFFICER, username="hq-a11y", department="hq")
    person = {"birth_date": "1985-03-07", "sex": "M", "nationality": "RUS"}
    person_create(actor=None, surname_latin="Mammadov", given_names_latin="Elvin", **person)
    person_create(
        actor=None,
        surname_latin="Mamedov",
        given_names_latin="Elvin",
        surname_native="Мамедов",
        given_names_native="Эльвин",
        **{**person, "birth_date": "1985-07-03"},
    )
    pair = PotentialDuplicate.objects.get()
    sign_in(page, hq)
    axe = Axe()
    for path in ["/office/people/duplicates/", f"/office/people/duplicates/{pair.pk}/"]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"


def _sign_in_applicant(page, live_server, user) -> None:
    """The portal's own sign-in is another page's business: reuse a test session."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_documents_page_passes_axe(page, live_server, language, staff_user_factory, tmp_path):
    from django.core.management import call_command

    from umis.accounts.models import District, User
    from umis.cases.services import application_create_draft, application_flag_set
    from umis.cases.services import application_transition as move

    _set_language(page, live_server, language)
    # The flush between live-server tests empties the policy table too: the deadline
    # set at acceptance needs it.
    call_command("load_policies", verbosity=0)
    applicant = User.objects.create_user(
        username="applicant-a11y", password="x", role=Role.APPLICANT
    )
    reception = staff_user_factory(Role.RECEPTION_OFFICER, with_device=False)
    officer = staff_user_factory(Role.CASE_OFFICER, with_device=False)
    application = application_create_draft(
        applicant=applicant,
        service_code="trp-issue",
        form_data={"fee_tier": "standard"},
        place_of_stay_district=District.objects.get(code="gusar"),
    )
    for name, actor in [("submit", applicant), ("accept", reception), ("start_review", officer)]:
        application = move(application=application, transition=name, actor=actor)
    application_flag_set(
        application=application, flag="documents_requested", actor=officer, reason="Lease."
    )
    _sign_in_applicant(page, live_server, applicant)
    axe = Axe()
    path = f"/applications/{application.number}/documents/"
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    problems = _serious(axe.run(page))
    assert problems == [], f"{path} [{language}]: {problems}"

    # A refused file: the error summary and the message beside the field.
    impostor = tmp_path / "passport.pdf"
    impostor.write_bytes(b"<!DOCTYPE html><html><body>not a scan</body></html>")
    page.set_input_files("#id_passport-file", str(impostor))
    page.click("form:has(#id_passport-file) button[type=submit]")
    page.wait_for_selector("#id_passport-file_error")
    problems = _serious(axe.run(page))
    assert problems == [], f"{path} with an error [{language}]: {problems}"


def _portal_sign_in(page, email: str, password: str) -> None:
    page.goto("/account/sign-in/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main form.usa-form button[type=submit]")
    page.wait_for_url("**/applications/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_portal_pages_pass_axe(page, live_server, language):
    from django.core.management import call_command
    from django.utils import timezone

    from tests.eservices.form_data import stay_registration_data
    from umis.accounts.models import User

    _set_language(page, live_server, language)
    # Fees and deadlines are shown on these pages: reload the policies a flush emptied.
    call_command("load_policies", verbosity=0)
    axe = Axe()

    def check(label: str) -> None:
        problems = _serious(axe.run(page))
        assert problems == [], f"{label} [{language}]: {problems}"

    for path in ["/services/", "/status/", "/account/sign-in/", "/account/sign-up/"]:
        page.goto(path)
        check(path)
    # Forms that came back with errors, with the error summary and messages beside fields.
    page.goto("/account/sign-up/")
    page.click("main form.usa-form button[type=submit]")
    check("sign-up with errors")
    page.goto("/status/")
    page.click("main form.usa-form button[type=submit]")
    check("status check with errors")

    password = "a-long-portal-password-2026"
    User.objects.create_user(
        username="a11y@example.org",
        email="a11y@example.org",
        password=password,
        role=Role.APPLICANT,
        email_confirmed_at=timezone.now(),
    )
    _portal_sign_in(page, "a11y@example.org", password)
    check("/applications/ (empty)")
    page.goto("/apply/stay-registration/")
    check("/apply/stay-registration/")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/person/")
    number = page.url.rstrip("/").split("/")[-2]
    check("first step")
    page.click("button[name=save_and_continue]")
    check("first step with errors")

    data = stay_registration_data()
    page.fill("#id_surname", data["surname"])
    page.fill("#id_given_names", data["given_names"])
    page.fill("#id_birth_date", data["birth_date"])
    page.click("label[for=id_sex_1]")
    page.select_option("#id_nationality", "IRN")
    page.fill("#id_document_number", data["document_number"])
    page.click("button[name=save_and_continue]")
    page.wait_for_url("**/stay/")
    check("second step")
    page.fill("#id_address", data["address"])
    page.select_option("#id_district", data["district"])
    page.fill("#id_arrival_date", data["arrival_date"])
    page.fill("#id_stay_until", data["stay_until"])
    page.click("button[name=save_and_continue]")
    page.wait_for_url("**/host/")
    page.click("label[for=id_host_kind_0]")
    page.fill("#id_host_identifier", data["host_identifier"])
    page.click("button[name=save_and_continue]")
    page.wait_for_url("**/check/")
    check("check your answers")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/sent/")
    check("application sent")
    for path in ["/applications/", f"/applications/{number}/", f"/applications/{number}/withdraw/"]:
        page.goto(path)
        check(path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_application_pages_pass_axe(page, live_server, language, staff_user_factory):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from tests.cases.office_helpers import move, submit
    from umis.accounts.models import User

    # The flush between live-server tests empties the policy values the migration loaded.
    call_command("load_policies", stdout=StringIO())
    _set_language(page, live_server, language)
    applicant = User.objects.create_user(
        username="applicant-a11y", password="x", role="applicant", email_confirmed_at=timezone.now()
    )
    reception = staff_user_factory(Role.RECEPTION_OFFICER, username="reception-a11y")
    officer = staff_user_factory(Role.CASE_OFFICER, username="case-a11y")
    head = staff_user_factory(Role.APPROVING_OFFICER, username="head-a11y")
    new = submit(applicant)
    reviewed = move(
        submit(applicant, service="trp-issue"),
        ("accept", reception),
        ("start_review", officer),
    )
    proposed = move(submit(applicant), ("accept", reception), ("start_review", officer))
    move(proposed, ("propose_refusal", officer, "No such address."))
    axe = Axe()

    for user, paths in [
        (
            officer,
            [
                "/office/applications/",
                "/office/applications/?queue=new&q=rez",
                f"/office/applications/{new.number}/",
                f"/office/applications/{reviewed.number}/",
            ],
        ),
        # A head's pages carry the assignment forms and the refusal grounds to confirm.
        (head, ["/office/applications/", f"/office/applications/{proposed.number}/"]),
    ]:
        page.context.clear_cookies()
        _set_language(page, live_server, language)
        sign_in(page, user)
        for path in paths:
            page.goto(path)
            problems = _serious(axe.run(page))
            assert problems == [], f"{path} [{language}]: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_registration_confirmation_passes_axe(page, live_server, language):
    from django.core.management import call_command

    from tests.cases.checks_helpers import apply, confirmed_applicant, run_worker

    # The flush between live-server tests empties the policy values the rules read.
    call_command("load_policies", verbosity=0)
    holder = confirmed_applicant(f"holder-{language}")
    application = apply(holder)
    run_worker()
    application.refresh_from_db()
    assert application.status == "issued"
    _sign_in_applicant(page, live_server, holder)
    _set_language(page, live_server, language)

    page.goto(f"/applications/{application.number}/confirmation/")

    assert page.locator("h1").count() == 1
    problems = _serious(Axe().run(page))
    assert problems == [], f"confirmation [{language}]: {problems}"

    # The holder's page for proving their status, with the registration listed.
    page.goto("/prove/")
    assert page.locator("h1").count() == 1
    assert "REG-" in page.content()  # the issued registration, its number in its series
    problems = _serious(Axe().run(page))
    assert problems == [], f"prove [{language}]: {problems}"
    # The public share-code check, sent empty: errors beside the fields.
    page.goto("/check/")
    page.click("main form.usa-form button[type=submit]")
    problems = _serious(Axe().run(page))
    assert problems == [], f"share-code check with errors [{language}]: {problems}"
