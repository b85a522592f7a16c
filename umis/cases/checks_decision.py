"""Concluding the checks: the Service decides by itself, or leaves it to an officer.

Only when every check passed, the rules of the service found nothing, the service
declares an ``auto_decision`` and no officer has started the review does the Service
approve (``auto_approve``) and, for a service that produces a document, issue it — both
as the system actor, through the one transition function, in one transaction. Anything
else stays in the officers' queue with the results and findings in view.
"""

from __future__ import annotations

from umis.accounts.system import system_actor
from umis.audit.services import audited_transaction
from umis.cases.checks import checks_flag_clear
from umis.cases.models import Application
from umis.cases.services import application_transition, lock_for_change
from umis.cases.states import TRANSITIONS, Flag
from umis.eservices import registry
from umis.exchange.models import CheckKind, CheckOutcome, CheckResult


@audited_transaction
def application_checks_conclude(*, application: Application) -> Application:
    current = lock_for_change(application, None)
    if Flag.CHECKS_PENDING not in current.flags:
        return current  # concluded already (a duplicate run of the task)
    results = list(CheckResult.objects.filter(application=current))
    checks = [r for r in results if r.kind == CheckKind.CHECK]
    if any(r.outcome not in (CheckOutcome.PASSED, CheckOutcome.FAILED) for r in checks):
        return current
    current = checks_flag_clear(application=current)
    service = registry.get(current.service_code)
    clean = all(r.outcome == CheckOutcome.PASSED for r in results)
    if (
        service.auto_decision is None
        or not clean
        or current.status not in TRANSITIONS["auto_approve"].sources
    ):
        return current
    actor = system_actor()
    current = application_transition(
        application=current,
        transition="auto_approve",
        actor=actor,
        details={"checks": {r.code: r.outcome for r in checks}},
    )
    if service.produces_document:
        current = application_transition(application=current, transition="issue", actor=actor)
    return current
