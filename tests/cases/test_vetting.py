"""The state security vetting of a residence permit: asked once, waited for, landed
exactly once whether polled or pushed, and the approval held until it lands."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import formats, timezone
from django_tasks_db.models import DBTaskResult

from tests.cases.checks_helpers import apply, confirmed_applicant, keep_test_connection, run_worker
from tests.exchange.pushes import VETTING_URL, signed_push
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.checks import check_results_for
from umis.cases.services import application_flag_clear, application_transition
from umis.cases.vetting import security_vetting_land, security_vetting_poll
from umis.core.errors import Conflict
from umis.exchange.log_verify import exchange_log_verify
from umis.exchange.models import (
    CheckResult,
    ExchangeMessage,
    MessageOutcome,
    SecurityVetting,
    SimulatedVetting,
)
from umis.exchange.simulators.state_security import push_request

pytestmark = pytest.mark.django_db

POLL = "umis.cases.vetting_tasks.poll_security_vetting"
PUSH = "umis.exchange.simulators.state_security.push_vetting_result"


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch, settings):
    keep_test_connection(monkeypatch)
    settings.UMIS_EXCHANGE_RETRY_ATTEMPTS = 1
    settings.UMIS_SIMULATOR_VETTING_DELAY_SECONDS = 120
    settings.UMIS_SECURITY_VETTING_POLL_SECONDS = 30


@pytest.fixture
def applicant(db):
    return confirmed_applicant()


def vetting_line(application):
    return next(line for line in check_results_for(application) if line.code == "security_vetting")


def time_passes(seconds=121):
    """The simulator's delay and UMIS's poll interval run out."""
    earlier = timezone.now() - timedelta(seconds=seconds)
    SimulatedVetting.objects.update(requested_at=earlier)
    DBTaskResult.objects.filter(task_path__in=[POLL, PUSH]).update(run_after=timezone.now())


def submitted(applicant, document="P12345611"):
    application = apply(applicant, service="trp-issue", document_number=document)
    run_worker()
    application.refresh_from_db()
    return application


def test_the_check_is_requested_and_shows_the_ticket_while_waiting(applicant):
    application = submitted(applicant)

    vetting = SecurityVetting.objects.get(application=application)
    line = vetting_line(application)
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert line.label == "State security vetting"
    assert line.outcome_code == "pending"
    assert line.summary == (
        f"Requested on {today}; waiting for the answer (ticket {vetting.ticket})."
    )
    assert "checks_pending" in application.flags
    # Asked once; the poll is queued for later and asks nothing yet.
    assert ExchangeMessage.objects.filter(operation="vetting/request").count() == 1
    assert not ExchangeMessage.objects.filter(operation="vetting/result").exists()
    assert DBTaskResult.objects.filter(task_path=POLL, status="READY").count() == 1


def test_a_poll_before_the_answer_waits_then_the_answer_lands_and_the_flag_clears(applicant):
    application = submitted(applicant)
    DBTaskResult.objects.filter(task_path=POLL).update(run_after=timezone.now())
    run_worker()  # the system has not decided yet: asked, still waiting, asked again later

    assert vetting_line(application).outcome_code == "pending"
    assert DBTaskResult.objects.filter(task_path=POLL, status="READY").count() == 1

    time_passes()
    run_worker()

    application.refresh_from_db()
    line = vetting_line(application)
    assert (line.outcome_code, line.summary.split(" (")[0]) == (
        "passed",
        "State security has no objection",
    )
    assert application.flags == []  # every check answered: concluded
    vetting = SecurityVetting.objects.get(application=application)
    assert (vetting.result, vetting.answered_by) == ("clear", "poll")
    assert not DBTaskResult.objects.filter(task_path=POLL, status="READY").exists()
    polls = ExchangeMessage.objects.filter(operation="vetting/result")
    assert polls.count() == 2 and {p.reference for p in polls} == {application.number}


def test_an_objection_fails_the_check_and_leaves_the_case_to_the_officer(applicant):
    application = submitted(applicant, document="P12345670")
    time_passes()
    run_worker()

    application.refresh_from_db()
    line = vetting_line(application)
    assert line.outcome_code == "failed"
    assert line.summary.startswith("State security has raised an objection (decided on ")
    assert application.status == "submitted" and application.flags == []


def test_a_vetting_never_answered_keeps_the_flag_and_is_polled_again(applicant):
    application = submitted(applicant, document="P12345612")
    for _round in range(3):
        time_passes()
        run_worker()

    application.refresh_from_db()
    assert "checks_pending" in application.flags
    assert vetting_line(application).outcome_code == "pending"
    assert ExchangeMessage.objects.filter(operation="vetting/result").count() == 3
    assert DBTaskResult.objects.filter(task_path=POLL, status="READY").count() == 1


def test_a_pushed_result_lands_and_the_next_poll_asks_nothing(applicant):
    application = submitted(applicant, document="P12345618")
    time_passes()
    run_worker()

    application.refresh_from_db()
    vetting = SecurityVetting.objects.get(application=application)
    assert (vetting.result, vetting.answered_by) == ("clear", "push")
    assert vetting_line(application).outcome_code == "passed"
    assert application.flags == []
    push = ExchangeMessage.objects.get(inbound=True)
    assert (push.outcome, push.operation, push.reference) == (
        MessageOutcome.OK,
        "vetting-results",
        application.number,
    )
    assert push.request_summary["landing"] == "landed"
    assert not DBTaskResult.objects.filter(task_path=POLL, status="READY").exists()
    assert exchange_log_verify().ok


def test_a_second_push_and_a_late_poll_change_nothing(applicant, caplog):
    caplog.set_level(logging.INFO, logger="umis.cases.vetting")
    application = submitted(applicant, document="P12345618")
    vetting = SecurityVetting.objects.get(application=application)
    simulated = SimulatedVetting.objects.get(ticket=vetting.ticket)
    body, headers = push_request(simulated)
    from django.test import Client

    first = Client().post(VETTING_URL, body, content_type="application/json", headers=headers)
    assert first.status_code == 200 and first.json() == {"status": "landed"}
    result_before = CheckResult.objects.get(application=application, code="security_vetting")
    audits = AuditEntry.objects.filter(action="exchange.security_vetting_result").count()

    # The same result pushed again in a new message, and one with an objection:
    again = signed_push(
        VETTING_URL, {"ticket": vetting.ticket, "result": "objection", "decided_on": "2026-12-01"}
    )
    assert again.status_code == 200 and again.json() == {"status": "already"}
    # A poll that was in flight lands its (different) answer afterwards:
    late = security_vetting_land(
        ticket=vetting.ticket, result="objection", decided_on=timezone.localdate(), via="poll"
    )

    assert late == "already"
    vetting.refresh_from_db()
    assert (vetting.result, vetting.answered_by) == ("clear", "push")
    result_after = CheckResult.objects.get(pk=result_before.pk)
    assert (result_after.outcome, result_after.params, result_after.checked_at) == (
        result_before.outcome,
        result_before.params,
        result_before.checked_at,
    )
    assert AuditEntry.objects.filter(action="exchange.security_vetting_result").count() == audits
    assert "had landed already" in caplog.text
    pushes = ExchangeMessage.objects.filter(inbound=True).order_by("id")
    assert [p.request_summary["landing"] for p in pushes] == ["landed", "already"]
    assert security_vetting_poll(ticket=vetting.ticket) == "answered"
    assert not ExchangeMessage.objects.filter(operation="vetting/result").exists()


def test_a_replayed_push_is_refused_and_lands_nothing_more(applicant):
    application = submitted(applicant, document="P12345618")
    simulated = SimulatedVetting.objects.get(reference=application.number)
    body, headers = push_request(simulated)
    from django.test import Client

    assert Client().post(VETTING_URL, body, content_type="application/json", headers=headers)
    replay = Client().post(VETTING_URL, body, content_type="application/json", headers=headers)

    assert replay.status_code == 409
    assert ExchangeMessage.objects.filter(inbound=True, rejection_reason="replayed").count() == 1


def test_approval_waits_for_the_vetting_unless_an_officer_clears_the_flag(
    applicant, staff_user_factory
):
    application = submitted(applicant, document="P12345612")
    officer = staff_user_factory(Role.CASE_OFFICER, department="khachmaz")
    head = staff_user_factory(Role.APPROVING_OFFICER, department="khachmaz")
    for name in ("accept", "start_review", "propose_approval"):
        application = application_transition(
            application=application, transition=name, actor=officer
        )

    with pytest.raises(Conflict) as refused:
        application_transition(application=application, transition="approve", actor=head)
    assert refused.value.code == "checks_pending"
    assert "State security vetting" in str(refused.value)
    application.refresh_from_db()
    assert application.status == "awaiting_approval"

    application = application_flag_clear(
        application=application,
        flag="checks_pending",
        actor=officer,
        reason="Vetting confirmed by telephone with state security.",
    )
    approved = application_transition(application=application, transition="approve", actor=head)
    assert approved.status == "approved"


def test_exchange_verify_covers_request_polls_and_pushes(applicant):
    submitted(applicant, document="P12345611")
    submitted(applicant, document="P12345618")
    time_passes()
    run_worker()

    operations = set(ExchangeMessage.objects.values_list("operation", flat=True))
    assert {"vetting/request", "vetting/result", "vetting-results"} <= operations
    call_command("exchange_verify")  # exits non-zero on a broken entry
