"""The office page of the message log: who may open it, what each sees, the search."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from tests.cases.checks_helpers import apply, confirmed_applicant
from tests.portal.a11y import accessibility_problems
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.exchange import systems
from umis.exchange.client import AnswerRejected
from umis.exchange.models import ExchangeMessage

pytestmark = pytest.mark.django_db
URL = "/office/exchange/"


def ask(reference: str, document: str = "P12345678"):
    return systems.border().entry_exit(
        document_number=document,
        nationality="IRN",
        birth_date=date(1988, 4, 17),
        arrival_date=None,
        reference=reference,
    )


@pytest.fixture
def messages():
    """One message about a Gusar (Khachmaz) application, one about a Ganja one, one
    rejected, and one about no application at all."""
    applicant = confirmed_applicant()
    gusar = apply(applicant)
    ganja = apply(applicant, district="ganja")
    ask(gusar.number)
    ask(ganja.number)
    with pytest.raises(AnswerRejected):
        ask(gusar.number, document="P12345673")
    ask("")
    return {"gusar": gusar.number, "ganja": ganja.number}


def page(client, **params):
    return client.get(URL, params)


def test_only_roles_with_the_permission_open_the_page(verified_client, staff_user_factory):
    officer = verified_client(staff_user_factory(Role.CASE_OFFICER))
    assert officer.get(URL).status_code == 403
    analyst = verified_client(staff_user_factory(Role.ANALYST, department="hq"))
    assert analyst.get(URL).status_code == 403
    auditor = verified_client(staff_user_factory(Role.AUDITOR, department="hq"))
    response = auditor.get(URL)
    assert response.status_code == 200
    assert accessibility_problems(response.content.decode()) == []
    # The office offers the page to those who may open it, and only to them.
    assert f'href="{URL}"' in auditor.get("/office/").content.decode()
    assert f'href="{URL}"' not in officer.get("/office/").content.decode()


def test_an_auditor_sees_the_whole_log_and_the_search_is_audited(
    verified_client, staff_user_factory, messages
):
    auditor = staff_user_factory(Role.AUDITOR, department="hq")
    client = verified_client(auditor)
    response = page(client, system="border")
    html = response.content.decode()
    assert "4 messages" in html
    assert messages["gusar"] in html and messages["ganja"] in html
    assert "the answer does not match what the service returns" in html
    assert "AZ/GOV/DMX/entry-exit" in html
    entry = AuditEntry.objects.filter(action="exchange.search").get()
    assert entry.actor_username == auditor.username
    assert entry.details["result_count"] == 4


def test_a_head_of_department_sees_only_messages_about_their_districts(
    verified_client, staff_user_factory, messages
):
    head = verified_client(staff_user_factory(Role.APPROVING_OFFICER))  # Khachmaz
    html = page(head).content.decode()
    assert messages["gusar"] in html and messages["ganja"] not in html
    assert "2 messages" in html
    # Guessing the other region's reference finds nothing.
    assert "0 messages" in page(head, reference=messages["ganja"]).content.decode()


def test_filters_by_outcome_reference_and_message_id(verified_client, staff_user_factory, messages):
    client = verified_client(staff_user_factory(Role.AUDITOR, department="hq"))
    assert "1 message<" in page(client, outcome="rejected").content.decode()
    assert "2 messages" in page(client, reference=messages["gusar"].lower()).content.decode()
    wanted = ExchangeMessage.objects.filter(reference=messages["ganja"]).get()
    html = page(client, message_id=str(wanted.message_id)).content.decode()
    assert "1 message<" in html and messages["ganja"] in html
    html = page(client, system="health").content.decode()
    assert "0 messages" in html and "No message matches these filters." in html


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"message_id": "not-an-id"}, "message_id", "A message id looks like"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to", "The end date"),
        ({"date_from": "yesterday"}, "date_from", "Enter a valid date"),
        ({"outcome": "maybe"}, "outcome", "Select a valid choice"),
    ],
)
def test_bad_filters_are_named_beside_their_field(
    verified_client, staff_user_factory, params, field, message
):
    client = verified_client(staff_user_factory(Role.AUDITOR, department="hq"))
    response = page(client, **params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and f'id="id_{field}"' in html
    assert not AuditEntry.objects.filter(action="exchange.search").exists()


def test_the_page_speaks_azerbaijani_and_russian(verified_client, staff_user_factory, messages):
    client = verified_client(staff_user_factory(Role.AUDITOR, department="hq"))
    for language, heading in (("az", "Mübadilə jurnalı"), ("ru", "Журнал обмена")):
        client.cookies["django_language"] = language
        with translation.override(language):
            html = page(client, outcome="rejected").content.decode()
        assert heading in html
        assert "Exchange log" not in html
        assert "does not match what the service returns" not in html
