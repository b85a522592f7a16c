"""A state system goes down and comes back: the application waits with its checks pending
and completes once the system answers, every message in the log and none sent twice.

The simulators are served over HTTP on their own ports (as ``make demo`` runs them) and the
payment gateway is switched through their control endpoint, as an operator would.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.cases.checks_helpers import apply, confirmed_applicant, run_worker
from tests.exchange.served import served_simulators, switch
from umis.cases.checks import check_results_for
from umis.exchange.models import ExchangeMessage
from umis.exchange.transport import HttpTransport

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "umis.cases.checks_tasks.run_application_checks"


def outcomes(application) -> dict[str, str]:
    return {line.code: line.outcome_code for line in check_results_for(application)}


def make_due() -> None:
    DBTaskResult.objects.filter(task_path=TASK).update(run_after=timezone.now())


def test_a_residence_permit_waits_for_the_payment_gateway_and_completes_when_it_recovers(
    reference_data_reloaded, settings
):
    settings.UMIS_EXCHANGE_BREAKER_FAILURES = 100  # this is about waiting, not the breaker
    # State security clears this document at once and is asked as soon as it acknowledges.
    settings.UMIS_SECURITY_VETTING_POLL_SECONDS = 0
    with served_simulators(settings) as simulators:
        switch(simulators, "payment", "failing")
        application = apply(confirmed_applicant(), service="trp-issue", document_number="P12345615")
        paid = HttpTransport().post(  # the applicant pays: not a message of the exchange
            simulators.urls["payment"] + "payments",
            f'{{"reference": "{application.number}", "amount_azn": "60"}}'.encode(),
            headers={},
            timeout=10,
        )
        assert paid.status == 201

        for _run in range(2):  # the gateway stays down across two runs of the checks
            make_due()
            run_worker()
            application.refresh_from_db()
            assert application.status == "submitted"
            assert application.flags == ["checks_pending"]
            assert outcomes(application) == {
                "payment": "unavailable",
                "criminal_record": "passed",
                "health": "passed",
                "entry_exit": "passed",
                "security_vetting": "passed",
                "employer": "passed",  # on work grounds: the tax service
                "employment_contract": "passed",  # and the labour ministry
            }

        switch(simulators, "payment", "normal")
        make_due()
        run_worker()

    application.refresh_from_db()
    assert application.status == "submitted"  # a residence permit is an officer's decision
    assert application.flags == []
    assert set(outcomes(application).values()) == {"passed"}
    log = ExchangeMessage.objects.filter(reference=application.number)
    answered = Counter(log.filter(outcome="ok").values_list("system", flat=True))
    assert answered == {
        "payment": 1,
        "internal-affairs": 1,
        "health": 1,
        "border": 1,
        "state-security": 2,  # the request, and the one poll that found the result
        "tax": 1,
        "labour": 1,
    }
    attempts = settings.UMIS_EXCHANGE_RETRY_ATTEMPTS  # each run tries again at once
    assert log.filter(system="payment", outcome="unavailable").count() == 2 * attempts
    assert log.count() == 8 + 2 * attempts
    ids = list(log.values_list("message_id", flat=True))
    assert len(set(ids)) == len(ids) and None not in ids
    assert not DBTaskResult.objects.filter(task_path=TASK, status="READY").exists()
