"""The checks of the parties to an application: the host (a citizen in the population
registry, an organisation or hotel in the tax service), the employer (tax) and the
employment contract (labour) on work grounds, and the visa (foreign affairs).

The worker runs the real task; each outcome follows from the last character of the FIN,
TIN or travel document number, as the simulators document it.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.cases.checks_helpers import apply, confirmed_applicant, keep_test_connection, run_worker
from umis.accounts.roles import Role
from umis.cases.checks import check_results_for
from umis.cases.checks_runners import RUNNERS, SOURCES
from umis.eservices.base import CHECK_CODES
from umis.exchange.members import SYSTEMS
from umis.exchange.models import CheckOutcome, ExchangeMessage

pytestmark = pytest.mark.django_db

HOTEL_TIN = "1700123451"


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch, settings):
    keep_test_connection(monkeypatch)
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    settings.UMIS_EXCHANGE_BREAKER_FAILURES = 100


@pytest.fixture
def applicant(db):
    return confirmed_applicant()


def lines(application):
    return {line.code: line for line in check_results_for(application)}


def systems_asked(application):
    return set(
        ExchangeMessage.objects.filter(reference=application.number).values_list(
            "system", flat=True
        )
    )


def test_every_check_names_the_system_it_asks():
    assert set(SOURCES) == set(RUNNERS) == set(CHECK_CODES)
    assert set(SOURCES.values()) <= set(SYSTEMS)


# --- the host of a stay registration ---------------------------------------------------


def test_a_citizen_host_is_asked_of_the_population_registry(applicant):
    application = apply(applicant)  # host: the demo citizen, FIN 5ABC7DE

    run_worker()

    application.refresh_from_db()
    assert application.status == "issued"
    found = lines(application)
    assert list(found) == ["entry_exit", "host_citizen"]
    host = found["host_citizen"]
    assert host.label == "Host: a living citizen" and host.outcome_code == "passed"
    assert host.summary == "Quliyev Rəşad Elçin oğlu, a living citizen with this FIN."
    assert host.source == "State Registry of Population" and host.when is not None
    assert systems_asked(application) == {"border", "population"}


def test_a_fin_typed_in_small_letters_with_a_dash_is_asked_bare(applicant):
    application = apply(applicant, host_identifier="5abc-7de")

    run_worker()

    assert lines(application)["host_citizen"].summary.startswith("Quliyev Rəşad")
    message = ExchangeMessage.objects.get(reference=application.number, system="population")
    assert message.request_summary == {"fin": "5A***DE"}


@pytest.mark.parametrize(
    "fin, summary",
    [
        ("5ABC7D0", "The citizen with this FIN is recorded as deceased."),
        ("5ABC7D9", "No citizen with this FIN is registered."),
    ],
)
def test_a_host_who_is_not_a_living_citizen_leaves_the_registration_to_an_officer(
    applicant, fin, summary
):
    application = apply(applicant, host_identifier=fin)

    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted" and application.flags == []
    host = lines(application)["host_citizen"]
    assert (host.outcome_code, host.summary) == ("failed", summary)
    assert lines(application)["entry_exit"].outcome_code == "passed"


@pytest.mark.parametrize("kind", ["organisation", "hotel"])
def test_an_organisation_or_hotel_host_is_asked_of_the_tax_service(applicant, kind):
    application = apply(applicant, host_kind=kind, host_identifier=HOTEL_TIN)

    run_worker()

    application.refresh_from_db()
    assert application.status == "issued"
    found = lines(application)
    assert list(found) == ["entry_exit", "host_taxpayer"]
    host = found["host_taxpayer"]
    assert host.outcome_code == "passed" and host.source == "Tax service"
    assert host.summary.startswith("Şahdağ Qonaq Evi MMC, an active taxpayer since ")
    assert systems_asked(application) == {"border", "tax"}  # no citizen looked up


def test_an_inactive_taxpayer_host_is_not_confirmed_by_the_service(applicant):
    application = apply(applicant, host_kind="hotel", host_identifier="1700123450")

    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted"
    host = lines(application)["host_taxpayer"]
    assert host.outcome_code == "failed"
    assert host.summary.endswith("is no longer an active taxpayer.")


def test_a_population_registry_that_is_down_keeps_the_checks_pending(applicant):
    application = apply(applicant, host_identifier="5ABC7D7")

    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted" and application.flags == ["checks_pending"]
    host = lines(application)["host_citizen"]
    assert host.outcome_code == "unavailable" and "attempt 1" in host.summary


def test_a_badly_signed_tax_answer_is_rejected_and_asked_again(applicant):
    application = apply(applicant, host_kind="organisation", host_identifier="1700123454")

    run_worker()

    application.refresh_from_db()
    assert application.flags == ["checks_pending"]
    host = lines(application)["host_taxpayer"]
    assert host.outcome_code == "pending"
    assert "the answer's signature does not verify" in host.summary


def test_the_officer_sees_the_host_check_with_its_source_and_time(
    applicant, staff_user_factory, verified_client
):
    application = apply(applicant, host_identifier="5ABC7D0")
    run_worker()

    officer = verified_client(staff_user_factory(Role.CASE_OFFICER))  # Khachmaz: Gusar
    html = officer.get(f"/office/applications/{application.number}/").content.decode()
    assert "Host: a living citizen" in html
    assert "The citizen with this FIN is recorded as deceased." in html
    assert "(State Registry of Population, " in html
    assert "(Entry-exit and registration system, " in html


def test_the_host_check_reads_in_the_officers_language(applicant):
    application = apply(applicant, host_identifier="5ABC7D9")
    run_worker()

    for language in ("az", "ru"):
        with translation.override(language):
            host = lines(application)["host_citizen"]
        assert host.label != "Host: a living citizen"
        assert host.summary != "No citizen with this FIN is registered."
        assert host.source != "State Registry of Population"


# --- the employer of a residence permit on work grounds -----------------------------------


def pay(application):
    Client().post(
        "/simulators/payment/payments",
        {"reference": application.number, "amount_azn": "60"},
        content_type="application/json",
    )


def test_a_permit_on_other_grounds_asks_neither_the_tax_service_nor_labour(applicant):
    application = apply(applicant, service="trp-issue", grounds="family", employer_tin="")

    run_worker()

    assert list(lines(application)) == [
        "payment",
        "criminal_record",
        "health",
        "entry_exit",
        "security_vetting",
    ]
    assert not {"tax", "labour"} & systems_asked(application)


def test_an_active_employer_and_its_registered_contract_pass(applicant):
    application = apply(applicant, service="trp-issue")
    pay(application)

    run_worker()

    found = lines(application)
    employer, contract = found["employer"], found["employment_contract"]
    assert employer.outcome_code == contract.outcome_code == "passed"
    assert employer.summary.startswith("Xəzər Logistika MMC, an active taxpayer since ")
    assert employer.source == "Tax service"
    assert contract.summary.startswith("Contract EM-")
    assert contract.source == "Employment contracts (labour ministry)"


def test_an_inactive_employer_and_a_missing_contract_are_shown_to_the_officer(applicant):
    application = apply(
        applicant, service="trp-issue", employer_tin="1402345670", document_number="P1234567N"
    )

    run_worker()

    found = lines(application)
    assert found["employer"].outcome_code == "failed"
    assert found["employer"].summary.endswith("is no longer an active taxpayer.")
    assert found["employment_contract"].outcome_code == "failed"
    assert found["employment_contract"].summary == (
        "No employment contract with this employer is registered for this person."
    )
    assert found["entry_exit"].outcome_code == "passed"


def test_a_terminated_contract_fails_with_its_status_in_words(applicant):
    application = apply(applicant, service="trp-issue", document_number="P1234567E")

    run_worker()

    contract = lines(application)["employment_contract"]
    assert contract.outcome_code == "failed"
    assert contract.summary.endswith("is registered but terminated.")
    with translation.override("ru"):
        assert "terminated" not in lines(application)["employment_contract"].summary


def test_a_labour_answer_off_the_schema_leaves_the_contract_check_pending(applicant):
    application = apply(applicant, service="trp-issue", document_number="P1234567S")

    run_worker()

    application.refresh_from_db()
    assert application.flags == ["checks_pending"]
    contract = lines(application)["employment_contract"]
    assert contract.outcome_code == "pending"
    assert "does not match what the service returns" in contract.summary


# --- the visa (a check any service may declare) ----------------------------------------


@pytest.mark.parametrize(
    "document, outcome, words",
    [
        ("P12345678", CheckOutcome.PASSED, "valid until"),
        ("P1234567E", CheckOutcome.FAILED, "expired on"),
        ("P1234567N", CheckOutcome.FAILED, "No visa or e-visa"),
    ],
)
def test_the_visa_check_asks_foreign_affairs(applicant, document, outcome, words):
    application = apply(applicant, document_number=document)

    verdict = RUNNERS["visa"](application)

    assert verdict.outcome == outcome
    message = ExchangeMessage.objects.get(reference=application.number)
    assert message.system == "foreign-affairs"
    if outcome == CheckOutcome.PASSED:
        assert verdict.params["until"] >= timezone.localdate().isoformat()
    from umis.cases.checks_runners import SUMMARIES

    assert words in str(SUMMARIES[verdict.summary_code])
