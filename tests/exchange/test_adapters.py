"""The adapters' real client code against the simulators, through the in-process transport."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.test import Client

from umis.exchange import systems
from umis.exchange.client import CallInsideTransaction, SystemRefused, SystemUnavailable
from umis.exchange.models import ExchangeMessage, MessageOutcome

pytestmark = pytest.mark.django_db

BIRTH = date(1988, 4, 17)
ARRIVAL = date(2026, 11, 20)


def entry_exit(document: str, arrival: date | None = ARRIVAL):
    return systems.border().entry_exit(
        document_number=document,
        nationality="IRN",
        birth_date=BIRTH,
        arrival_date=arrival,
        reference="UMIS-2026-TEST0001",
    )


def test_border_confirms_the_entry_on_the_arrival_date_and_no_ban():
    answer = entry_exit("P12345678")
    assert answer.last_entry == ARRIVAL
    assert answer.entry_point
    assert answer.travel_ban is False
    message = ExchangeMessage.objects.get()
    assert (message.system, message.operation) == ("border", "crossings/search")
    assert message.outcome == MessageOutcome.OK and message.http_status == 200
    assert message.reference == "UMIS-2026-TEST0001"


@pytest.mark.parametrize(
    "document, entered, ban",
    [
        ("P12345670", ARRIVAL, True),
        ("P12345679", None, False),
        ("P12345676", ARRIVAL + timedelta(days=5), False),
    ],
)
def test_border_outcomes_follow_the_document_number(document, entered, ban):
    answer = entry_exit(document)
    assert (answer.last_entry, answer.travel_ban) == (entered, ban)


def test_the_log_keeps_no_full_document_number_and_no_name():
    systems.internal_affairs().criminal_record(
        surname="Rezaei",
        given_names="Mohammad Reza",
        birth_date=BIRTH,
        nationality="IRN",
        document_number="P12345678",
        reference="R1",
    )
    message = ExchangeMessage.objects.get()
    logged = str(message.request_summary)
    assert "P12345678" not in logged and "Rezaei" not in logged
    assert message.request_summary["document"] == "P1*****78"


def test_a_system_that_is_down_is_tried_again_and_every_attempt_is_logged(settings):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 3
    with pytest.raises(SystemUnavailable):
        entry_exit("P12345677")
    messages = list(ExchangeMessage.objects.order_by("id"))
    assert [m.attempt for m in messages] == [1, 2, 3]
    assert {(m.outcome, m.http_status) for m in messages} == {(MessageOutcome.UNAVAILABLE, 503)}
    assert len({m.message_id for m in messages}) == 3  # each attempt is its own message


def test_criminal_record_and_medical_certificate():
    def record(document):
        return systems.internal_affairs().criminal_record(
            surname="Rezaei",
            given_names="Mohammad Reza",
            birth_date=BIRTH,
            nationality="IRN",
            document_number=document,
            reference="R1",
        )

    def certificate(document):
        return systems.health().medical_certificate(
            document_number=document, birth_date=BIRTH, reference="R1"
        )

    assert record("P12345678").has_record is False
    assert record("P12345670").has_record is True
    assert certificate("P12345678").valid is True
    assert certificate("P12345678").valid_until is not None
    assert certificate("P12345671").valid is False


def test_payment_is_unpaid_until_paid_at_the_gateway():
    gateway = systems.payment()
    assert gateway.duty_status(reference="UMIS-2026-PAYME234").paid is False

    response = Client().post(
        "/simulators/payment/payments",
        {"reference": "UMIS-2026-PAYME234", "amount_azn": "120.00"},
        content_type="application/json",
    )
    assert response.status_code == 201

    answer = gateway.duty_status(reference="UMIS-2026-PAYME234")
    assert answer.paid is True
    assert str(answer.amount_azn) == "120.00"
    assert answer.paid_on is not None


def test_a_bad_request_is_refused_not_retried():
    with pytest.raises(SystemRefused):
        entry_exit("")
    assert ExchangeMessage.objects.get().outcome == MessageOutcome.REFUSED


def test_calling_out_inside_a_transaction_is_refused():
    with pytest.raises(CallInsideTransaction), transaction.atomic():
        entry_exit("P12345678")
    assert not ExchangeMessage.objects.exists()


def test_an_unreachable_system_is_unavailable(settings):
    settings.UMIS_EXCHANGE_TRANSPORT = "http"
    settings.UMIS_EXCHANGE_URLS = {"border": "http://127.0.0.1:9/border/"}
    settings.UMIS_EXCHANGE_TIMEOUT_SECONDS = 2
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    with pytest.raises(SystemUnavailable):
        entry_exit("P12345678")
    message = ExchangeMessage.objects.get()
    assert message.outcome == MessageOutcome.UNAVAILABLE
    assert message.http_status is None and message.error


@pytest.mark.django_db(transaction=True)
def test_the_http_client_reaches_the_simulators_of_a_running_server(live_server, settings):
    settings.UMIS_EXCHANGE_TRANSPORT = "http"
    settings.UMIS_EXCHANGE_BASE_URL = f"{live_server.url}/simulators/"
    answer = entry_exit("P12345670")
    assert answer.travel_ban is True
    assert answer.last_entry == ARRIVAL
