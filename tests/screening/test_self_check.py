"""The public "does a travel ban exist for me": answered only to the e-mail on the file."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.cache import cache

from tests.cases.checks_helpers import keep_test_connection, run_worker
from tests.screening.helpers import enter
from umis.audit.models import AuditEntry
from umis.people.models import IdentityDocument, Person, document_number_index
from umis.screening.models import SelfCheckAnswer

pytestmark = pytest.mark.django_db

URL = "/travel-ban/"
ASKED = "Your question is received"


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    keep_test_connection(monkeypatch)
    cache.clear()  # the request counters of earlier tests
    yield
    cache.clear()


@pytest.fixture
def person(db):
    person = Person.objects.create(
        surname_latin="Rezaei",
        given_names_latin="Mohammad Reza",
        surname_native="رضایی",
        birth_year=1988,
        birth_month=4,
        birth_day=17,
        sex="M",
        nationality="IRN",
        email="m.rezaei@example.org",
    )
    IdentityDocument.objects.create(
        person=person,
        type="passport",
        number="K7654321",
        number_index=document_number_index("K7654321"),
        issuing_state="IRN",
        is_primary=True,
    )
    return person


def ask(client, **changes):
    body = {"surname": "REZAEI", "birth_date": "1988-04-17", "document_number": "K7654321"}
    return client.post(URL, {**body, **changes})


def test_a_banned_person_gets_the_answer_by_e_mail_only(client, person):
    enter(document_numbers=[], valid_from=date(2020, 1, 1))
    response = ask(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert ASKED in html and "Deported" not in html
    run_worker()
    (message,) = mail.outbox
    assert message.to == ["m.rezaei@example.org"]
    assert "hold an entry ban that concerns you" in message.body
    assert "Deported" not in message.body  # never the list's details
    assert SelfCheckAnswer.objects.get().status == "sent"
    audit = AuditEntry.objects.get(action="screening.self_check")
    assert audit.target_id == str(person.pk) and audit.details == {"result": "answer_queued"}


def test_no_ban_is_answered_too_and_the_page_says_the_same(client, person):
    response = ask(client)
    assert ASKED in response.content.decode()
    run_worker()
    assert "hold no entry ban that concerns you" in mail.outbox[0].body


def test_the_wanted_list_is_never_disclosed(client, person):
    enter(list_kind="wanted", document_numbers=[])
    ask(client)
    run_worker()
    assert "hold no entry ban" in mail.outbox[0].body


@pytest.mark.parametrize(
    "changes", [{"surname": "Mammadov"}, {"birth_date": "1988-04-18"}, {"document_number": "X1"}]
)
def test_someone_else_s_details_give_the_same_page_and_no_e_mail(client, person, changes):
    enter(document_numbers=[])
    response = ask(client, **changes)
    assert response.status_code == 200 and ASKED in response.content.decode()
    run_worker()
    assert mail.outbox == []
    assert AuditEntry.objects.get(action="screening.self_check").details == {
        "result": "not_matched"
    }


def test_requests_are_limited_per_address(client, person, settings):
    settings.UMIS_TRAVEL_BAN_CHECKS_PER_ADDRESS = 2
    assert ask(client, document_number="A1").status_code == 200
    assert ask(client, document_number="A2").status_code == 200
    refused = ask(client, document_number="A3")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert AuditEntry.objects.filter(action="screening.self_check", outcome="denied").count() == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"surname": "Rеzaei"}, "surname"),  # a Cyrillic "е" among Latin letters
        ({"birth_date": "1988-02-30"}, "birth_date"),
        ({"document_number": "ÄÖ"}, "document_number"),
        ({"surname": ""}, "surname"),
    ],
)
def test_bad_input_names_the_field(client, person, changes, field):
    response = ask(client, **changes)
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert not SelfCheckAnswer.objects.exists()
