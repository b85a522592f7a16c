"""Checks with the other state systems, run for every submitted application.

On submission (inside its transaction) the declared checks are recorded as pending, the
rules of the service are assessed (``assess`` of its ``auto_decision``), the
``checks_pending`` flag is set and the task ``run_application_checks`` is queued: all of it
commits or rolls back with the submission, and nothing leaves the process there.

The task (``application_checks_run``) asks each system outside any transaction, stores each
answer, and queues itself again with backoff while a system does not answer. When every
check has an answer it concludes (``umis.cases.checks_decision``): the flag is cleared and
the Service decides by itself, or leaves the application to an officer. A system still
silent after ``MAX_ATTEMPTS`` is shown as "no answer" and the flag stays set until an
officer, having checked by other means, clears it.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umis.accounts.system import system_actor
from umis.audit.services import audited_transaction, rows_insert_with_entries
from umis.cases.checks_runners import LABELS, PARAM_WORDS, RUNNERS, SOURCES, SUMMARIES, Verdict
from umis.cases.effects import before_save, in_transaction
from umis.cases.models import Application, ApplicationEvent
from umis.cases.services import lock_for_change, record_change
from umis.cases.states import OPEN, Flag
from umis.cases.vetting import AWAITING
from umis.core.calendar import SERVICE_TZ
from umis.core.errors import NotFound, ValidationFailed
from umis.eservices import registry
from umis.eservices.base import EService, Finding
from umis.exchange.client import AnswerRejected, SystemRefused, SystemUnavailable
from umis.exchange.members import SYSTEM_NAMES
from umis.exchange.models import CheckKind, CheckOutcome, CheckResult, RejectionReason

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 30  # then 2 min, 8 min, 32 min, ~2 h
BACKOFF_FACTOR = 4
JITTER = 0.2
ANSWERED = (CheckOutcome.PASSED, CheckOutcome.FAILED)


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number ``attempt`` (1-based), with jitter so that
    retries after an outage do not all arrive at once."""
    seconds = BASE_DELAY_SECONDS * BACKOFF_FACTOR ** (attempt - 1)
    return timedelta(seconds=seconds * (1 + random.uniform(0, JITTER)))


def _service(application: Application) -> EService | None:
    try:
        return registry.get(application.service_code)
    except NotFound:  # an unknown code (older or test data) has nothing to check
        return None


# --- the flag ------------------------------------------------------------------------------


def checks_flag_clear(*, application: Application) -> Application:
    """Clear ``checks_pending`` as the Service itself, with its history row.

    Call inside a transaction. The caller's instance gets the new flags and version. (The
    flag is set with the ``submit`` change itself: ``flag_on_submission``.)
    """
    current = lock_for_change(application, None)
    if Flag.CHECKS_PENDING not in current.flags:
        return current
    current.flags = sorted(set(current.flags) - {Flag.CHECKS_PENDING})
    current.version += 1
    current.save()
    record_change(
        application=current,
        name="flag_clear",
        from_status=current.status,
        actor=system_actor(),
        reason="",
        details={"flag": Flag.CHECKS_PENDING},
        request=None,
    )
    application.flags, application.version = current.flags, current.version
    return current


def _has_checks(service: EService | None) -> bool:
    return service is not None and bool(service.checks or service.auto_decision)


@before_save("submit")
def flag_on_submission(application: Application) -> None:
    """A submission with checks to run is written with ``checks_pending`` already set."""
    if _has_checks(_service(application)) and Flag.CHECKS_PENDING not in application.flags:
        application.flags = sorted({*application.flags, Flag.CHECKS_PENDING})


# --- on submission ---------------------------------------------------------------------------


def _findings(service: EService, application: Application, submitted_on: date) -> list[Finding]:
    if service.auto_decision is None:
        return []
    try:
        form = service.validate_form(application.form_data, today=submitted_on)
    except ValidationFailed:
        return [Finding("form_unreadable")]
    try:
        return service.auto_decision.assess(form, submitted_on)
    except LookupError:
        # A policy value missing for that day: a configuration fault that must not stop
        # anyone from applying; an officer judges the rules instead.
        logger.exception("Rules of %s not assessed for %s", service.code, application.number)
        return [Finding("rules_not_assessed")]


@audited_transaction
def application_checks_begin(*, application: Application) -> None:
    """Record the checks as pending and the rules' findings, queue the task."""
    from umis.cases.checks_tasks import run_application_checks

    service = _service(application)
    if not _has_checks(service):
        return
    now = timezone.now()
    submitted_on = timezone.localtime(application.submitted_at or now, SERVICE_TZ).date()
    rows = [
        CheckResult(
            application=application,
            kind=CheckKind.CHECK,
            code=code,
            outcome=CheckOutcome.PENDING,
            summary_code="pending",
            params={},
        )
        for code in service.checks_for(application.form_data)
    ]
    rows += [
        CheckResult(
            application=application,
            kind=CheckKind.RULE,
            code=finding.code,
            outcome=CheckOutcome.FAILED,
            summary_code=finding.code,
            params=finding.params,
            checked_at=now,
        )
        # One row per rule: a rule found twice is still one finding.
        for finding in {f.code: f for f in _findings(service, application, submitted_on)}.values()
    ]
    # An application is submitted once (no transition leads back to draft), inside the
    # transaction of its submission: there are no earlier results to clear.
    rows_insert_with_entries(rows)
    # The flag came with the submission itself (flag_on_submission).
    run_application_checks.enqueue(application.number)


@in_transaction("submit")
def begin_checks_on_submission(event: ApplicationEvent) -> None:
    application_checks_begin(application=event.application)


# --- the task's work -------------------------------------------------------------------------


def _ask(code: str, application: Application) -> tuple[Verdict, bool]:
    """The verdict of one check and whether asking again could change it."""
    try:
        return RUNNERS[code](application), False
    except AnswerRejected as exc:
        # An answer came that cannot be trusted or read: never used, asked again like a
        # silent system, and the check stays pending with the reason in view.
        return Verdict(CheckOutcome.PENDING, "rejected", {"reason": exc.reason}), True
    except SystemUnavailable:
        return Verdict(CheckOutcome.UNAVAILABLE, "unavailable"), True
    except SystemRefused:
        return Verdict(CheckOutcome.UNAVAILABLE, "refused"), False
    except (KeyError, ValueError, TypeError):
        logger.warning("Check %s of %s: the form lacks data", code, application.number)
        return Verdict(CheckOutcome.UNAVAILABLE, "cannot_ask"), False


def _store(result: CheckResult, verdict: Verdict, retryable: bool) -> None:
    attempts = result.attempts + 1 if retryable else MAX_ATTEMPTS
    summary, params = verdict.summary_code, dict(verdict.params)
    if retryable:
        given_up = attempts >= MAX_ATTEMPTS
        if summary == "rejected":
            summary = "rejected_gave_up" if given_up else "rejected"
        else:
            summary = "gave_up" if given_up else "unavailable"
        params = {**params, "attempts": attempts}
    # Not over an answer that landed meanwhile (a system that answers later: vetting).
    CheckResult.objects.filter(pk=result.pk).exclude(outcome__in=ANSWERED).update(
        outcome=verdict.outcome,
        summary_code=summary,
        params=params,
        attempts=attempts,
        checked_at=timezone.now(),
    )


def application_checks_run(*, number: str) -> str:
    """Ask every system not yet answered; retry later or conclude. Returns what it did.

    Deliberately not one transaction: each call goes out with no transaction open, and
    each answer is stored on its own as soon as it comes.
    """
    from umis.cases.checks_decision import application_checks_conclude
    from umis.cases.checks_tasks import run_application_checks

    application = Application.objects.filter(number=number).first()
    if application is None or application.status not in OPEN:
        return "closed"
    if Flag.CHECKS_PENDING not in application.flags:
        return "done"
    open_results = CheckResult.objects.filter(application=application, kind=CheckKind.CHECK)
    for result in open_results.exclude(outcome__in=ANSWERED):
        if result.attempts < MAX_ATTEMPTS:
            verdict, retryable = _ask(result.code, application)
            _store(result, verdict, retryable)
    waiting = list(open_results.exclude(outcome__in=ANSWERED))
    retry = [r.attempts for r in waiting if r.attempts < MAX_ATTEMPTS]
    if retry:
        run_after = timezone.now() + retry_delay(max(retry))
        run_application_checks.using(run_after=run_after).enqueue(number)
        return "retry"
    silent = [r.code for r in waiting if r.summary_code != AWAITING]
    if silent:
        logger.warning("Checks of %s: no answer from %s", number, silent)
        return "no answer"
    if waiting:
        # Asked and acknowledged: the answer lands later and queues this task again.
        return "waiting"
    application_checks_conclude(application=application)
    return "concluded"


# --- what the office sees --------------------------------------------------------------------

GENERIC_FINDINGS = {
    "form_unreadable": gettext_lazy(
        "The form no longer passes its own checks; an officer must read it."
    ),
    "rules_not_assessed": gettext_lazy(
        "The rules of the service could not be applied (a policy value is missing); an "
        "officer must judge them."
    ),
    # Written by the watch-list screening at submission (umis.screening.submission).
    "watch_list_hit": gettext_lazy(
        "The person matches %(hits)s entry(ies) of the entry-ban or wanted list: the "
        "application is on hold for an officer (see the watch-list hits below)."
    ),
    "watch_list_not_screened": gettext_lazy(
        "The person's name could not be screened against the watch list; an officer must "
        "check the list by hand."
    ),
}


@dataclass(frozen=True)
class CheckLine:
    kind: str
    code: str
    label: str
    outcome: str  # in words, for people
    outcome_code: str  # pending, passed, failed, unavailable
    summary: str
    when: datetime | None
    source: str = ""  # the state system asked, by name; "" for a rule of the service


def _shown(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            pass
    return value


def _words(template: Any, params: dict[str, Any]) -> str:
    try:
        return str(template) % {key: _shown(value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return str(template)


def check_results_for(application: Application) -> list[CheckLine]:
    """The checks and the rules' findings of an application, in words, checks first."""
    service = _service(application)
    order = {code: i for i, code in enumerate(service.checks if service else ())}
    messages = service.auto_decision.messages if service and service.auto_decision else {}
    results = sorted(
        CheckResult.objects.filter(application=application),
        key=lambda r: (r.kind != CheckKind.CHECK, order.get(r.code, 99), r.code),
    )
    lines = []
    for r in results:
        params = dict(r.params)
        if r.kind == CheckKind.CHECK:
            label = str(LABELS.get(r.code, r.code))
            template = SUMMARIES.get(r.summary_code, r.summary_code)
            if params.get("reason") in RejectionReason.values:
                params["reason"] = str(RejectionReason(params["reason"]).label)
            for name, words in PARAM_WORDS.items():
                if params.get(name) in words:
                    params[name] = str(words[params[name]])
            system = SOURCES.get(r.code, "")
            source = str(SYSTEM_NAMES.get(system, system))
        else:
            source = ""
            label = (
                _("Watch list") if r.code.startswith("watch_list") else _("Rules of the service")
            )
            template = messages.get(r.code) or GENERIC_FINDINGS.get(
                r.code, _("A rule of the service is not met.")
            )
        lines.append(
            CheckLine(
                kind=r.kind,
                code=r.code,
                label=label,
                outcome=str(CheckOutcome(r.outcome).label),
                outcome_code=r.outcome,
                summary=_words(template, params),
                when=r.checked_at,
                source=source,
            )
        )
    return lines
