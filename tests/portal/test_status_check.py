"""The public status check: the right details answer; any wrong one answers the same."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.eservices.form_data import stay_registration_data
from tests.portal.a11y import accessibility_problems
from umis.audit.models import AuditEntry
from umis.cases.intake import application_apply_online

pytestmark = pytest.mark.django_db

API = "/api/v1/status"


@pytest.fixture
def sent(applicant):
    return application_apply_online(
        applicant=applicant, service_code="stay-registration", form_data=stay_registration_data()
    )


def ask(client, **body):
    return client.post(API, body, content_type="application/json")


def test_the_right_details_give_status_and_dates_only(client, sent):
    application, code = sent
    response = ask(
        client, number=application.number.lower(), access_code=code.lower(), birth_date="1988-04-17"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["number"] == application.number
    assert data["status"] == "submitted" and data["submitted_at"]
    assert "form_data" not in data and "surname" not in str(data)


def test_three_kinds_of_wrong_answer_identically(client, sent):
    application, code = sent
    answers = [
        ask(client, number="UMIS-2026-ZZZZZZZZ", access_code=code, birth_date="1988-04-17"),
        ask(client, number=application.number, access_code="WRONG123", birth_date="1988-04-17"),
        ask(client, number=application.number, access_code=code, birth_date="1988-04-18"),
    ]
    assert {r.status_code for r in answers} == {404}
    assert len({r.content for r in answers}) == 1


def test_every_lookup_is_audited_without_the_code(client, sent):
    application, code = sent
    ask(client, number=application.number, access_code=code, birth_date="1988-04-17")
    ask(client, number=application.number, access_code="WRONG123", birth_date="1988-04-17")
    entries = AuditEntry.objects.filter(action="application.status_check").order_by("seq")
    assert [e.outcome for e in entries] == ["success", "failure"]
    assert all(e.target_id == application.number for e in entries)
    for entry in entries:
        assert code not in str(entry.details) and "WRONG123" not in str(entry.details)


def test_the_code_is_checked_even_for_an_unknown_number(client, monkeypatch):
    import umis.cases.access_codes as access_codes

    calls = []
    real = access_codes.access_code_digest
    monkeypatch.setattr(
        access_codes, "access_code_digest", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    ask(client, number="UMIS-2026-ZZZZZZZZ", access_code="ABCDEFGH", birth_date="1988-04-17")
    assert len(calls) == 1


def test_lookups_are_limited_per_number_and_per_address(sent, settings):
    application, code = sent
    settings.UMIS_STATUS_CHECKS_PER_NUMBER = 3
    settings.UMIS_STATUS_CHECKS_PER_ADDRESS = 5
    client = Client()
    for _ in range(3):
        ask(client, number=application.number, access_code="WRONG123", birth_date="1988-04-17")
    # The right code no longer helps for this number, from any address.
    other = Client(REMOTE_ADDR="10.0.0.9")
    response = ask(other, number=application.number, access_code=code, birth_date="1988-04-17")
    assert response.status_code == 429
    assert AuditEntry.objects.filter(action="application.status_check", outcome="denied").exists()
    # Other numbers from the first address run into its own limit.
    for n in range(2):
        ask(client, number=f"UMIS-2026-AAAAAAA{n}", access_code="X", birth_date="1988-04-17")
    response = ask(client, number="UMIS-2026-BBBBBBBB", access_code="X", birth_date="1988-04-17")
    assert response.status_code == 429


def test_malformed_input_is_named(client):
    response = ask(client, number="", access_code="X", birth_date="banana")
    assert response.status_code == 422
    assert {"number", "birth_date"} <= set(response.json()["error"]["fields"])


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_the_page_answers_the_same_for_any_mismatch(client, sent, language):
    from django.utils import translation

    application, code = sent
    client.cookies["django_language"] = language
    assert accessibility_problems(client.get("/status/").content.decode()) == []
    with translation.override(language):
        message = translation.gettext(
            "We could not find an application with these details. Check the "
            "number, the access code and the date of birth, and try again."
        )
    for number, access, birth in [
        ("UMIS-2026-ZZZZZZZZ", code, "1988-04-17"),
        (application.number, "WRONG123", "1988-04-17"),
        (application.number, code, "1988-04-18"),
    ]:
        page = client.post(
            "/status/", {"number": number, "access_code": access, "birth_date": birth}
        )
        html = page.content.decode()
        assert page.status_code == 200
        assert message in html
        assert access not in html  # the code is never sent back
    page = client.post(
        "/status/", {"number": application.number, "access_code": code, "birth_date": "1988-04-17"}
    )
    html = page.content.decode()
    assert accessibility_problems(html) == []
    assert application.number in html and "Rezaei" not in html


def test_a_code_expires_some_time_after_the_decision_and_then_answers_like_a_wrong_one(
    client, sent, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from umis.cases.models import Application

    application, code = sent
    wrong = ask(client, number=application.number, access_code="WRONG123", birth_date="1988-04-17")
    settings.UMIS_ACCESS_CODE_DAYS_AFTER_DECISION = 90
    decided = timezone.now() - timedelta(days=89)
    Application.objects.filter(pk=application.pk).update(decided_at=decided)
    fresh = ask(client, number=application.number, access_code=code, birth_date="1988-04-17")
    assert fresh.status_code == 200

    Application.objects.filter(pk=application.pk).update(decided_at=decided - timedelta(days=2))
    expired = ask(client, number=application.number, access_code=code, birth_date="1988-04-17")
    assert expired.status_code == wrong.status_code == 404
    assert expired.content == wrong.content
