"""The state security vetting of an application: asked once, answered days later.

The check ``security_vetting`` (a runner in ``checks_runners``) asks for the vetting the
first time the checks run and records the ticket the system acknowledges with
(``security_vetting_requested``); the check then waits, shown as "requested on ...,
waiting for the answer (ticket ...)", and the application keeps ``checks_pending``.

The result lands through ``security_vetting_land``, whichever way it comes: the poll task
asking with the ticket (``security_vetting_poll``) or the system pushing it to UMIS
(``umis.exchange.api``). It lands exactly once: a second push, or a poll after a push,
finds the result written and changes nothing (it is logged as such). Landing writes the
check's result and, when it was the last answer awaited, concludes the checks as the
checks' task does after any other answer.

While a vetting requested has not answered, the application cannot be approved, unless an
officer has cleared ``checks_pending`` (checked by other means), as for a system that never
answers (``umis.cases.checks_guard``, which holds an approval for every check).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from umis.accounts.system import system_actor
from umis.audit.services import audit_record, audited_transaction
from umis.cases.models import Application
from umis.cases.states import OPEN
from umis.core.calendar import SERVICE_TZ
from umis.exchange.client import ExchangeError
from umis.exchange.models import (
    CheckKind,
    CheckOutcome,
    CheckResult,
    SecurityVetting,
    VettingResult,
)

logger = logging.getLogger(__name__)

CHECK = "security_vetting"
AWAITING = "awaiting"  # the summary of a check asked and not yet answered


def poll_interval() -> timedelta:
    return timedelta(seconds=settings.UMIS_SECURITY_VETTING_POLL_SECONDS)


def vetting_verdict(vetting: SecurityVetting) -> tuple[str, str, dict[str, Any]]:
    """The check's outcome, summary code and parameters as the vetting stands."""
    if vetting.result:
        outcome = (
            CheckOutcome.PASSED if vetting.result == VettingResult.CLEAR else CheckOutcome.FAILED
        )
        params = {"decided_on": vetting.decided_on.isoformat() if vetting.decided_on else ""}
        return outcome, f"{CHECK}.{vetting.result}", params
    requested_on = timezone.localtime(vetting.requested_at, SERVICE_TZ).date()
    return (
        CheckOutcome.PENDING,
        AWAITING,
        {
            "requested_on": requested_on.isoformat(),
            "ticket": vetting.ticket,
        },
    )


def security_vetting_requested(*, application: Application, ticket: str) -> SecurityVetting:
    """Record the ticket of the application's vetting request and queue its first poll
    (the vetting already recorded, if the request was made before)."""
    from umis.cases.vetting_tasks import poll_security_vetting

    existing = SecurityVetting.objects.filter(application=application).first()
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            vetting = SecurityVetting.objects.create(
                application=application, ticket=ticket, requested_at=now
            )
            poll_security_vetting.using(run_after=now + poll_interval()).enqueue(ticket)
    except IntegrityError:
        # Two runs of the checks asked at once; the system gave both the same ticket.
        return SecurityVetting.objects.get(application=application)
    return vetting


@audited_transaction
def security_vetting_land(*, ticket: str, result: str, decided_on: date, via: str) -> str:
    """Write the vetting's result once; ``landed``, ``already`` (nothing changed) or
    ``unknown`` (no vetting has this ticket)."""
    from umis.cases.checks_decision import application_checks_conclude

    vetting = SecurityVetting.objects.filter(ticket=ticket).select_related("application").first()
    if vetting is None:
        logger.warning("Security vetting result (%s) for an unknown ticket", via)
        return "unknown"
    now = timezone.now()
    # Conditional: of a poll and a push landing at once, exactly one writes.
    written = SecurityVetting.objects.filter(pk=vetting.pk, result="").update(
        result=result, decided_on=decided_on, answered_at=now, answered_by=via
    )
    number = vetting.application.number
    if not written:
        logger.info("Security vetting of %s: the result (%s) had landed already", number, via)
        return "already"
    vetting.refresh_from_db()
    outcome, summary, params = vetting_verdict(vetting)
    CheckResult.objects.filter(
        application_id=vetting.application_id, kind=CheckKind.CHECK, code=CHECK
    ).update(outcome=outcome, summary_code=summary, params=params, checked_at=now)
    audit_record(
        action="exchange.security_vetting_result",
        target_type="application",
        target_id=number,
        actor=system_actor(),
        details={"result": result, "via": via},
    )
    # Concluded here if it was the last answer awaited; a check still waiting for another
    # system is concluded by that system's own retry, on its own schedule.
    application_checks_conclude(application=vetting.application)
    return "landed"


def security_vetting_poll(*, ticket: str) -> str:
    """Ask for the result of one vetting; land it, or ask again after the interval.

    Runs outside any transaction (it calls out). Stops when the result has landed or the
    application is no longer open.
    """
    from umis.cases.vetting_tasks import poll_security_vetting
    from umis.exchange import systems

    vetting = SecurityVetting.objects.filter(ticket=ticket).select_related("application").first()
    if vetting is None:
        return "unknown"
    if vetting.result:
        logger.info("Security vetting %s: answered already, not asked again", ticket)
        return "answered"
    if vetting.application.status not in OPEN:
        return "closed"
    try:
        status = systems.state_security().vetting_result(
            ticket=ticket, reference=vetting.application.number
        )
    except ExchangeError as exc:  # logged in the message log; asked again later
        logger.info("Security vetting %s: no usable answer (%s)", ticket, type(exc).__name__)
    else:
        if status.result and status.decided_on is not None:
            return security_vetting_land(
                ticket=ticket, result=status.result, decided_on=status.decided_on, via="poll"
            )
    poll_security_vetting.using(run_after=timezone.now() + poll_interval()).enqueue(ticket)
    return "waiting"
