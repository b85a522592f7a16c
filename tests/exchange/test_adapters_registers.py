"""The population registry, tax service, labour ministry and foreign affairs adapters: their
real client code against their simulators, through the in-process transport."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from umis.exchange import systems
from umis.exchange.client import AnswerRejected, SystemRefused, SystemUnavailable
from umis.exchange.models import ExchangeMessage, MessageOutcome, RejectionReason
from umis.exchange.simulators import registers

pytestmark = pytest.mark.django_db

BIRTH = date(1988, 4, 17)
REF = "UMIS-2026-TEST0002"


def citizen(fin: str):
    return systems.population().citizen(fin=fin, reference=REF)


def taxpayer(tin: str):
    return systems.tax().taxpayer(tin=tin, reference=REF)


def contract(document: str, employer_tin: str = "1402345671"):
    return systems.labour().contract(
        document_number=document, birth_date=BIRTH, employer_tin=employer_tin, reference=REF
    )


def visa(document: str):
    return systems.foreign_affairs().visa(
        document_number=document, nationality="IRN", birth_date=BIRTH, reference=REF
    )


# --- population registry ---------------------------------------------------------------


def test_the_demo_host_is_a_living_citizen_with_a_registered_address():
    found = citizen("5ABC7DE")
    assert found is not None
    assert (found.fin, found.surname, found.given_names) == ("5ABC7DE", "Quliyev", "Rəşad")
    assert found.alive is True and found.death_date is None
    assert found.birth_date == date(1979, 3, 12)
    assert "Qusar" in found.address
    message = ExchangeMessage.objects.get()
    assert (message.system, message.operation, message.outcome) == (
        "population",
        "citizens/by-fin",
        MessageOutcome.OK,
    )
    assert "5ABC7DE" not in str(message.request_summary)  # the FIN is masked in the log


def test_the_same_fin_always_gives_the_same_citizen():
    first, second = citizen("7KLM2NP"), citizen("7KLM2NP")
    assert first == second
    assert first.surname and first.given_names and first.address


def test_a_fin_ending_in_0_is_a_deceased_citizen_and_in_9_is_unknown():
    deceased = citizen("7KLM2N0")
    assert deceased is not None and deceased.alive is False
    assert deceased.death_date is not None
    assert citizen("7KLM2N9") is None


def test_the_registry_is_searched_by_name_and_birth_date_in_any_letter_case():
    listed = registers.listed_citizens()[7]
    born = date.fromisoformat(listed["birth_date"])
    found = systems.population().search(
        surname=listed["surname"].upper(),
        given_names=listed["given_names"].lower(),
        birth_date=born,
        reference=REF,
    )
    assert [c.fin for c in found] == [listed["fin"]]
    nobody = systems.population().search(
        surname=listed["surname"],
        given_names=listed["given_names"],
        birth_date=born + timedelta(days=1),
        reference=REF,
    )
    assert nobody == []
    logged = str(ExchangeMessage.objects.first().request_summary)
    assert listed["surname"] not in logged


def test_the_listed_citizens_are_the_same_in_every_run_and_none_calls_up_an_outcome():
    citizens = registers.listed_citizens()
    assert len(citizens) == registers.SEEDED_CITIZENS + 1
    assert citizens[0]["fin"] == "5ABC7DE"
    assert len({c["fin"] for c in citizens}) == len(citizens)
    assert all(c["alive"] and c["fin"][-1] not in "03479" for c in citizens)
    registers.listed_citizens.cache_clear()
    registers._drawn_citizen.cache_clear()
    assert registers.listed_citizens() == citizens


def test_the_demo_host_is_the_seeded_host_user():
    from umis.core.management.commands.seed_demo import DEMO_USERS

    host = next(u for u in DEMO_USERS if u[0] == "host")
    assert (host[3], host[4]) == (
        registers.DEMO_HOST["given_names"],
        registers.DEMO_HOST["surname"],
    )


@pytest.mark.parametrize(
    "fin, reason",
    [("7KLM2N3", RejectionReason.SCHEMA), ("7KLM2N4", RejectionReason.BAD_SIGNATURE)],
)
def test_a_population_answer_off_the_schema_or_badly_signed_is_rejected(fin, reason):
    with pytest.raises(AnswerRejected) as caught:
        citizen(fin)
    assert caught.value.reason == reason
    message = ExchangeMessage.objects.get()  # a rejected answer is not asked again at once
    assert (message.outcome, message.rejection_reason) == (MessageOutcome.REJECTED, reason)


def test_a_population_registry_that_is_down_is_tried_again_then_unavailable(settings):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 2
    with pytest.raises(SystemUnavailable):
        citizen("7KLM2N7")
    assert (
        list(ExchangeMessage.objects.values_list("outcome", "http_status"))
        == [(MessageOutcome.UNAVAILABLE, 503)] * 2
    )


def test_a_request_without_a_fin_is_refused():
    with pytest.raises(SystemRefused):
        citizen("")


# --- tax service -----------------------------------------------------------------------


def test_the_demo_employer_is_an_active_taxpayer():
    found = taxpayer("1402345671")
    assert found is not None
    assert (found.tin, found.name, found.active) == ("1402345671", "Xəzər Logistika MMC", True)
    assert found.registered_on == date(2012, 5, 14)
    assert "1402345671" not in str(ExchangeMessage.objects.get().request_summary)


def test_tax_outcomes_follow_the_last_digit_of_the_tin():
    assert taxpayer("1234567899") is None
    gone = taxpayer("1234567890")
    assert gone is not None and gone.active is False
    other = taxpayer("1234567892")
    assert other.active is True and other.name and other.registered_on < timezone.localdate()
    assert taxpayer("1234567892") == other


@pytest.mark.parametrize(
    "tin, reason", [("1234567893", RejectionReason.SCHEMA), ("1234567894", "bad_signature")]
)
def test_a_tax_answer_off_the_schema_or_badly_signed_is_rejected(tin, reason):
    with pytest.raises(AnswerRejected) as caught:
        taxpayer(tin)
    assert caught.value.reason == reason


def test_a_tax_service_that_is_down_is_unavailable(settings):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    with pytest.raises(SystemUnavailable):
        taxpayer("1234567897")


# --- labour ministry -------------------------------------------------------------------


def test_an_active_contract_is_registered_with_the_employer_asked_about():
    found = contract("P12345678")
    assert found is not None
    assert found.employer_tin == "1402345671" and found.status == "active"
    assert found.contract_number.startswith("EM-") and found.position
    assert found.end_date is None
    assert contract("P12345678") == found
    message = ExchangeMessage.objects.first()
    assert (message.system, message.operation) == ("labour", "contracts/search")
    assert "P12345678" not in str(message.request_summary)


def test_labour_outcomes_follow_the_document_number():
    assert contract("P1234567N") is None
    ended = contract("P1234567E")
    assert ended.status == "terminated" and ended.end_date is not None


def test_a_labour_answer_off_the_schema_is_rejected_and_a_labour_system_down_unavailable(
    settings,
):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    with pytest.raises(AnswerRejected) as caught:
        contract("P1234567S")
    assert caught.value.reason == RejectionReason.SCHEMA
    with pytest.raises(SystemUnavailable):
        contract("P12345677")


# --- foreign affairs -------------------------------------------------------------------


def test_a_visa_valid_today_is_found():
    today = timezone.localdate()
    found = visa("P12345678")
    assert found is not None
    assert found.valid_from <= today <= found.valid_until
    assert found.kind in {"visa", "e-visa"} and found.entries in {"single", "double", "multiple"}
    assert found.visa_number.startswith("AZ")
    assert ExchangeMessage.objects.get().system == "foreign-affairs"


def test_foreign_affairs_outcomes_follow_the_document_number(settings):
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    assert visa("P1234567N") is None
    assert visa("P1234567E").valid_until < timezone.localdate()
    with pytest.raises(AnswerRejected):
        visa("P1234567S")
    with pytest.raises(SystemUnavailable):
        visa("P12345677")
