"""The registration confirmation of an issued stay registration, and its printable page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.cases.checks_helpers import apply, confirmed_applicant, keep_test_connection, run_worker
from umis.cases.confirmation import registration_confirmation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    keep_test_connection(monkeypatch)


@pytest.fixture
def holder(db):
    return confirmed_applicant("holder")


def issued(holder, **changes):
    application = apply(holder, **changes)
    run_worker()
    application.refresh_from_db()
    assert application.status == "issued"
    return application


def page(user, number):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(f"/applications/{number}/confirmation/")


def test_an_issued_registration_confirms_person_address_period_and_host(holder):
    today = timezone.localdate()
    application = issued(holder)

    found = registration_confirmation(application)

    assert found.number == application.number
    assert (found.surname, found.given_names) == ("Rezaei", "Mohammad Reza")
    assert found.birth_date == date(1988, 4, 17)
    assert found.nationality == "IRN" and found.nationality_name == "Iran"
    assert found.address == "Heydar Aliyev avenue 12, apt. 4"
    assert found.district == "Gusar"
    assert found.registered_from == today - timedelta(days=3)
    assert found.registered_until == today + timedelta(days=40)
    assert (
        str(found.host_kind) == "A citizen (a private person)"
        and found.host_identifier == "5ABC7DE"
    )
    assert timezone.localdate(found.issued_at) == today


def test_a_change_of_address_is_confirmed_from_the_day_of_moving(holder):
    moved = timezone.localdate() - timedelta(days=1)
    application = issued(
        holder,
        arrival_date=str(moved - timedelta(days=50)),
        reason="address_change",
        moved_on=str(moved),
    )
    found = registration_confirmation(application)
    assert found.registered_from == moved
    assert str(found.reason) == "Change of address during the stay"


def test_the_holder_sees_a_printable_page_in_their_language(holder):
    application = issued(holder)

    response = page(holder, application.number)

    assert response.status_code == 200
    text = response.content.decode()
    assert application.number in text
    assert "Heydar Aliyev avenue 12, apt. 4" in text
    assert "Rezaei" in text
    client = Client()
    client.force_login(holder)
    russian = client.get(
        f"/applications/{application.number}/confirmation/", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert "Регистрация по месту пребывания" in russian.content.decode()


def test_nobody_else_sees_it_and_nothing_is_confirmed_before_it_is_issued(holder):
    application = issued(holder)
    stranger = confirmed_applicant("stranger")
    assert page(stranger, application.number).status_code == 404
    anonymous = page(None, application.number)
    assert anonymous.status_code == 302

    waiting = apply(holder, document_number="P12345670")  # a travel ban: an officer decides
    run_worker()
    waiting.refresh_from_db()
    assert waiting.status == "submitted"
    assert registration_confirmation(waiting) is None
    assert page(holder, waiting.number).status_code == 404
    trp = apply(holder, service="trp-issue")
    assert registration_confirmation(trp) is None
