"""The screening of every application's person, inside the submission's transaction.

A hit is written with the submission itself: the hits with their explanations, and a
failed rule ``watch_list_hit`` among the application's check results, which is what keeps
the Service from deciding by itself (``umis.cases.checks_decision`` decides only when every
result passed). The application then waits in the officers' queue with the hits on its
page. A miss writes nothing.
"""

from __future__ import annotations

import logging

from django.utils import timezone

from umis.audit.services import audit_record
from umis.cases.effects import in_transaction
from umis.cases.models import Application, ApplicationEvent
from umis.core.calendar import SERVICE_TZ
from umis.core.errors import ValidationFailed
from umis.exchange.models import CheckKind, CheckOutcome, CheckResult
from umis.screening.engine import ScreeningResult, screen
from umis.screening.models import ApplicationScreeningHit
from umis.screening.query import screening_query

logger = logging.getLogger(__name__)

HIT_RULE = "watch_list_hit"
NOT_SCREENED_RULE = "watch_list_not_screened"


def screen_application(application: Application) -> ScreeningResult | None:
    """The screening of the application's person; None when the form names nobody."""
    data = application.form_data or {}
    surname, given = str(data.get("surname") or ""), str(data.get("given_names") or "")
    if not (surname or given):
        return None
    on = timezone.localtime(application.submitted_at or timezone.now(), SERVICE_TZ).date()
    try:
        query = screening_query(
            names=[(surname, given)],
            birth_date=data.get("birth_date") or None,
            nationality=str(data.get("nationality") or ""),
            sex=str(data.get("sex") or ""),
            document_numbers=[str(data.get("document_number") or "")],
            today=on,
        )
    except ValidationFailed as exc:
        # The service's own form checks passed, so this is a name the screening cannot
        # read; an officer must look rather than the application pass unscreened.
        logger.warning("Screening of %s: %s", application.number, sorted(exc.fields))
        return ScreeningResult(hits=[], candidates=-1)
    return screen(query, on=on)


def _hold(application: Application, code: str, params: dict) -> None:
    CheckResult.objects.create(
        application=application,
        kind=CheckKind.RULE,
        code=code,
        outcome=CheckOutcome.FAILED,
        summary_code=code,
        params=params,
        checked_at=timezone.now(),
    )


def record_hits(application: Application, result: ScreeningResult) -> None:
    ApplicationScreeningHit.objects.bulk_create(
        ApplicationScreeningHit(
            application=application,
            entry_id=hit.entry_id,
            score=hit.score,
            explanation=hit.explanation,
        )
        for hit in result.hits
    )
    _hold(application, HIT_RULE, {"hits": len(result.hits)})
    audit_record(
        action="screening.hit",
        target_type="application",
        target_id=application.number,
        details={"entries": [hit.entry_id for hit in result.hits]},
    )


@in_transaction("submit")
def screen_on_submission(event: ApplicationEvent) -> None:
    result = screen_application(event.application)
    if result is None:
        return
    if result.candidates < 0:
        _hold(event.application, NOT_SCREENED_RULE, {})
    elif result.is_hit:
        record_hits(event.application, result)
