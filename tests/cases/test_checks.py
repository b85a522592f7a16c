"""Checks with the state systems after submission, and the Service's automatic decision.

The worker runs the real task; the adapters' real client code reaches the simulators
through the in-process transport (tests/conftest.py), so every outcome follows from the
travel document number as the simulators document it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.cases.checks_helpers import apply, confirmed_applicant, keep_test_connection, run_worker
from tests.eservices.form_data import stay_registration_data
from umis.accounts.system import system_actor
from umis.audit.models import AuditEntry
from umis.cases.checks import MAX_ATTEMPTS, check_results_for
from umis.cases.checks_runners import LABELS, RUNNERS
from umis.eservices.base import CHECK_CODES
from umis.exchange.models import ExchangeMessage
from umis.exchange.transport import InProcessTransport, TransportError

pytestmark = pytest.mark.django_db

TASK = "umis.cases.checks_tasks.run_application_checks"


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    keep_test_connection(monkeypatch)


@pytest.fixture(autouse=True)
def _one_attempt_per_run(settings):
    """These tests follow the task's own retries: each run asks each system once."""
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1


@pytest.fixture
def applicant(db):
    return confirmed_applicant()


def make_due():
    DBTaskResult.objects.filter(task_path=TASK).update(run_after=timezone.now())


def lines(application):
    return {line.code: line for line in check_results_for(application)}


def days_ago(n):
    return str(timezone.localdate() - timedelta(days=n))


def test_every_check_a_service_may_declare_has_a_runner_and_a_label():
    assert set(RUNNERS) == set(CHECK_CODES) == set(LABELS)


def test_submission_flags_the_checks_and_queues_them_without_calling_out(applicant):
    application = apply(applicant)

    assert application.flags == ["checks_pending"]
    assert application.version == 2  # the flag is part of the submission
    assert not ExchangeMessage.objects.exists()
    assert DBTaskResult.objects.filter(task_path=TASK).count() == 1
    entry = lines(application)["entry_exit"]
    assert (entry.outcome_code, entry.summary) == ("pending", "Waiting for the answer.")
    assert entry.label == "Entry into the country and travel bans"


def test_a_clean_stay_registration_is_approved_and_issued_by_the_service(applicant):
    application = apply(applicant)

    run_worker()

    application.refresh_from_db()
    assert application.status == "issued"
    assert application.flags == []
    assert application.accepted_at and application.decided_at and application.due_date
    events = list(application.events.order_by("at", "id"))
    assert [e.transition for e in events] == ["submit", "flag_clear", "auto_approve", "issue"]
    system = system_actor()
    assert all(e.actor == system and e.actor_role == "system" for e in events[1:])
    audited = AuditEntry.objects.filter(
        target_id=application.number, actor_username=system.username
    )
    assert set(audited.values_list("action", flat=True)) >= {
        "application.auto_approve",
        "application.issue",
    }
    entry = lines(application)["entry_exit"]
    assert entry.outcome_code == "passed"
    assert "no travel ban" in entry.summary and entry.when is not None
    asked = ExchangeMessage.objects.filter(reference=application.number)
    assert {(m.system, m.outcome) for m in asked} == {("border", "ok"), ("population", "ok")}

    run_worker()  # the applicant is told of the decision and of the issue
    subjects = [m.subject for m in mail.outbox]
    assert f"Application {application.number}: Issued" in subjects


def test_a_late_registration_stays_for_an_officer_with_the_finding(applicant):
    application = apply(applicant, arrival_date=days_ago(40))

    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.flags == []  # every check answered
    found = lines(application)
    assert found["entry_exit"].outcome_code == "passed"
    assert found["late"].outcome_code == "failed"
    assert found["late"].label == "Rules of the service"
    assert found["late"].summary.startswith("Registered late: the person arrived on")


@pytest.mark.parametrize(
    "document, summary",
    [
        ("P12345670", "travel ban"),
        ("P12345679", "No entry into the country"),
        ("P12345676", "after the arrival date given"),
    ],
)
def test_a_failed_check_stays_for_an_officer(applicant, document, summary):
    application = apply(applicant, document_number=document)

    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted"
    entry = lines(application)["entry_exit"]
    assert entry.outcome_code == "failed" and summary in entry.summary
    assert not application.events.filter(transition="auto_approve").exists()


@pytest.mark.parametrize(
    "nationality, stay_days, decided",
    [("IRN", 20, True), ("KAZ", 20, False), ("KAZ", 31, True), ("IRN", 15, False)],
)
def test_citizens_of_kazakhstan_register_only_after_30_days(
    applicant, nationality, stay_days, decided
):
    arrival = timezone.localdate() - timedelta(days=2)
    application = apply(
        applicant,
        nationality=nationality,
        arrival_date=str(arrival),
        stay_until=str(arrival + timedelta(days=stay_days)),
    )

    run_worker()

    application.refresh_from_db()
    assert (application.status == "issued") is decided
    if not decided:
        assert "Registration is not required" in lines(application)["not_required"].summary


@pytest.mark.parametrize("moved_days_ago, decided", [(2, True), (20, False)])
def test_a_change_of_address_is_judged_from_the_day_of_moving(applicant, moved_days_ago, decided):
    application = apply(
        applicant,
        arrival_date=days_ago(60),  # long ago: as a first registration it would be late
        reason="address_change",
        moved_on=days_ago(moved_days_ago),
    )

    run_worker()

    application.refresh_from_db()
    assert (application.status == "issued") is decided
    found = lines(application)
    assert "late" not in found
    assert ("address_change_late" in found) is not decided


class FlakyTransport(InProcessTransport):
    """Fails the first ``failures_left`` calls as if the network were down."""

    failures_left = 0

    def post(self, url, body, *, headers, timeout):
        if FlakyTransport.failures_left > 0:
            FlakyTransport.failures_left -= 1
            raise TransportError("connection refused")
        return super().post(url, body, headers=headers, timeout=timeout)


def test_an_unavailable_system_is_asked_again_later_with_backoff(applicant, settings):
    settings.UMIS_EXCHANGE_TRANSPORT = "tests.cases.test_checks.FlakyTransport"
    FlakyTransport.failures_left = 1
    application = apply(applicant)

    before = timezone.now()
    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted" and application.flags == ["checks_pending"]
    entry = lines(application)["entry_exit"]
    assert entry.outcome_code == "unavailable" and "attempt 1" in entry.summary
    retry = DBTaskResult.objects.filter(task_path=TASK, status="READY").get()
    assert before + timedelta(seconds=30) <= retry.run_after <= before + timedelta(seconds=40)

    run_worker()  # not due yet: nothing happens
    application.refresh_from_db()
    assert application.status == "submitted"

    make_due()
    run_worker()

    application.refresh_from_db()
    assert application.status == "issued"
    assert list(
        ExchangeMessage.objects.filter(reference=application.number, system="border")
        .order_by("id")
        .values_list("outcome", flat=True)
    ) == ["unavailable", "ok"]


def test_a_system_that_never_answers_is_left_to_an_officer(applicant):
    application = apply(applicant, document_number="P12345677")  # the simulator is down

    for _attempt in range(MAX_ATTEMPTS + 2):
        make_due()
        run_worker()

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.flags == ["checks_pending"]  # an officer clears it after checking
    entry = lines(application)["entry_exit"]
    assert entry.outcome_code == "unavailable"
    assert f"after {MAX_ATTEMPTS} attempts" in entry.summary
    border = ExchangeMessage.objects.filter(reference=application.number, system="border")
    assert border.count() == MAX_ATTEMPTS


def test_a_rejected_answer_leaves_the_check_pending_with_the_reason_and_is_asked_again(
    applicant, settings
):
    settings.UMIS_EXCHANGE_BREAKER_FAILURES = 100  # the breaker is tested on its own
    # The border simulator signs this document's answer with a key that is not its own.
    application = apply(applicant, document_number="P12345674")

    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted" and application.flags == ["checks_pending"]
    entry = lines(application)["entry_exit"]
    assert entry.outcome_code == "pending"
    assert entry.summary == (
        "The system's answer was rejected: the answer's signature does not verify "
        "(attempt 1); it will be asked again."
    )
    assert DBTaskResult.objects.filter(task_path=TASK, status="READY").exists()
    message = ExchangeMessage.objects.get(reference=application.number, system="border")
    assert (message.outcome, message.rejection_reason) == ("rejected", "bad_signature")

    for _attempt in range(MAX_ATTEMPTS + 1):
        make_due()
        run_worker()

    application.refresh_from_db()
    assert application.status == "submitted" and application.flags == ["checks_pending"]
    entry = lines(application)["entry_exit"]
    assert entry.outcome_code == "pending"
    assert f"rejected after {MAX_ATTEMPTS} attempts: the answer's signature" in entry.summary
    border = ExchangeMessage.objects.filter(reference=application.number, system="border")
    assert border.count() == MAX_ATTEMPTS


def test_the_officer_sees_the_rejection_on_the_applications_page(
    applicant, staff_user_factory, verified_client
):
    from umis.accounts.roles import Role

    application = apply(applicant, document_number="P12345674")  # a forged answer
    run_worker()

    officer = verified_client(staff_user_factory(Role.CASE_OFFICER))  # Khachmaz: Gusar
    html = officer.get(f"/office/applications/{application.number}/").content.decode()
    assert "Entry into the country and travel bans" in html
    assert "the answer&#x27;s signature does not verify" in html


def test_a_rejected_answer_is_shown_in_the_officers_language(applicant):
    application = apply(applicant, document_number="P12345673")  # off-schema answer
    run_worker()
    from django.utils import translation

    with translation.override("ru"):
        summary = lines(application)["entry_exit"].summary
    assert summary == (
        "Ответ системы отклонён: ответ не соответствует тому, что возвращает сервис "
        "(попытка 1); запрос будет отправлен повторно."
    )


def test_a_residence_permit_on_work_grounds_runs_its_seven_checks_but_is_never_decided_alone(
    applicant,
):
    application = apply(applicant, service="trp-issue")
    paid = Client().post(
        "/simulators/payment/payments",
        {"reference": application.number, "amount_azn": "60"},
        content_type="application/json",
    )
    assert paid.status_code == 201

    run_worker()

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.flags == []
    found = lines(application)
    assert list(found) == [
        "payment",
        "criminal_record",
        "health",
        "entry_exit",
        "security_vetting",
        "employer",
        "employment_contract",
    ]
    assert {line.outcome_code for line in found.values()} == {"passed"}
    assert set(
        ExchangeMessage.objects.filter(reference=application.number).values_list(
            "system", flat=True
        )
    ) == {"payment", "internal-affairs", "health", "border", "state-security", "tax", "labour"}


def test_an_unpaid_duty_and_a_criminal_record_are_shown_to_the_officer(applicant):
    application = apply(applicant, service="trp-issue", document_number="P12345670")

    run_worker()

    found = lines(application)
    assert found["payment"].summary == "The state duty has not been paid."
    assert found["criminal_record"].outcome_code == "failed"
    assert found["health"].outcome_code == "passed"


class RecordingTransport(InProcessTransport):
    calls: list[bool] = []

    def post(self, url, body, *, headers, timeout):
        from umis.exchange.client import inside_transaction

        RecordingTransport.calls.append(inside_transaction())
        return super().post(url, body, headers=headers, timeout=timeout)


@pytest.mark.django_db(transaction=True)
def test_nothing_is_called_out_inside_the_request_or_any_transaction(
    reference_data_reloaded, applicant, settings
):
    settings.UMIS_EXCHANGE_TRANSPORT = "tests.cases.test_checks.RecordingTransport"
    RecordingTransport.calls = []
    client = Client()
    client.force_login(applicant)

    response = client.post(
        "/api/v1/applications/",
        {"service_code": "stay-registration", "form_data": stay_registration_data()},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )

    assert response.status_code == 201, response.json()
    assert RecordingTransport.calls == []  # the request only queued the work
    run_worker()
    assert RecordingTransport.calls == [False, False]  # the border, the host's registry
    assert client.get(f"/api/v1/applications/{response.json()['number']}").json()["status"] == (
        "issued"
    )
