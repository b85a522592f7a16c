"""The state security adapter's real client code against its simulator: a ticket at once,
the result after the configured delay, each outcome called up by the document number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from umis.exchange import systems
from umis.exchange.client import AnswerRejected, SystemRefused, SystemUnavailable
from umis.exchange.models import ExchangeMessage, MessageOutcome, SimulatedVetting
from umis.exchange.simulators.state_security import push_vetting_result

pytestmark = pytest.mark.django_db

REFERENCE = "UMIS-2026-VET00001"


def request(document: str, reference: str = REFERENCE) -> str:
    return systems.state_security().vetting_request(
        surname="Rezaei",
        given_names="Mohammad Reza",
        birth_date=date(1988, 4, 17),
        nationality="IRN",
        document_number=document,
        reference=reference,
    )


def result(ticket: str):
    return systems.state_security().vetting_result(ticket=ticket, reference=REFERENCE)


def test_a_request_is_acknowledged_with_a_ticket_and_asking_again_gives_the_same(settings):
    settings.UMIS_SIMULATOR_VETTING_DELAY_SECONDS = 120
    ticket = request("P12345611")

    assert ticket.startswith("SV-")
    assert request("P12345611") == ticket
    assert SimulatedVetting.objects.count() == 1
    message = ExchangeMessage.objects.filter(operation="vetting/request").first()
    assert (message.system, message.outcome, message.reference) == (
        "state-security",
        MessageOutcome.OK,
        REFERENCE,
    )
    assert message.purpose == "security-vetting"
    assert message.request_summary == {"document": "P1*****11", "nationality": "IRN"}


def test_the_result_is_pending_until_the_delay_has_passed_then_clear(settings):
    settings.UMIS_SIMULATOR_VETTING_DELAY_SECONDS = 120
    ticket = request("P12345611")

    assert result(ticket).result == ""
    SimulatedVetting.objects.update(requested_at=timezone.now() - timedelta(seconds=121))
    answered = result(ticket)

    assert answered.result == "clear"
    assert answered.decided_on == timezone.localdate()
    polls = ExchangeMessage.objects.filter(operation="vetting/result")
    assert polls.count() == 2 and {m.outcome for m in polls} == {MessageOutcome.OK}


@pytest.mark.parametrize(
    "document, expected",
    [("P12345670", "objection"), ("P12345615", "clear"), ("P12345612", ""), ("P12345618", "")],
)
def test_outcomes_follow_the_last_character(settings, document, expected):
    settings.UMIS_SIMULATOR_VETTING_DELAY_SECONDS = 0
    assert result(request(document)).result == expected


def test_clear_at_once_does_not_wait_for_the_delay(settings):
    settings.UMIS_SIMULATOR_VETTING_DELAY_SECONDS = 3600
    assert result(request("P12345615")).result == "clear"
    assert result(request("P12345611", reference="UMIS-2026-VET00002")).result == ""


def test_a_system_down_is_unavailable_and_an_unknown_ticket_is_refused():
    with pytest.raises(SystemUnavailable):
        request("P12345617")
    with pytest.raises(SystemRefused):
        result("SV-NOSUCHTICKET")


def test_a_result_without_its_date_is_rejected_as_off_schema(monkeypatch):
    ticket = request("P12345611")
    monkeypatch.setattr(
        "umis.exchange.simulators.state_security._result",
        lambda vetting: {"status": "clear", "decided_on": None},
    )
    with pytest.raises(AnswerRejected) as rejected:
        result(ticket)
    assert rejected.value.reason == "schema"


def test_a_push_is_queued_only_for_documents_that_call_for_it(settings):
    from django_tasks_db.models import DBTaskResult

    request("P12345611")
    assert not DBTaskResult.objects.filter(task_path=push_vetting_result.module_path).exists()
    request("P12345618", reference="UMIS-2026-VET00002")
    assert DBTaskResult.objects.filter(task_path=push_vetting_result.module_path).count() == 1
