"""Writing applications: creating drafts, the one transition function, flags.

``application_transition`` is the only way an application changes state. In one
transaction it locks the row, checks the version the actor saw, the actor's permission and
reach, the table in ``states.py``, four eyes and the reason; then it writes the change, the
history row and the audit row, and schedules the effects to run after the commit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.jurisdiction import district_ids_visible_to
from umis.accounts.models import District, User
from umis.audit.services import audit_record, audited_transaction
from umis.cases.effects import effects_before_save, effects_enqueue, effects_in_transaction
from umis.cases.models import Application, ApplicationEvent
from umis.cases.states import (
    APPLICANT,
    FLAG_PERMISSION,
    FLAG_STATES,
    PROPOSALS,
    TRANSITIONS,
    Flag,
    ProposedDecision,
    Status,
    Transition,
)
from umis.core.calendar import SERVICE_TZ
from umis.core.errors import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from umis.core.readable_codes import readable_code
from umis.core.row_insert import insert_row
from umis.eservices.registry import application_due_date
from umis.people.models import Person

NUMBER_LENGTH = 8
REASON_MAX_LENGTH = 4000


def _insert_numbered(application: Application) -> Application:
    """The application's first write, under a new number no other application has.

    A number taken already (29^8 numbers a year: with a million taken, one draw in half a
    million) is not an error that would end the transaction: the row is simply not
    written, and another number is drawn.
    """
    year = timezone.localdate().year
    while application.pk is None:
        application.number = f"UMIS-{year}-{readable_code(NUMBER_LENGTH)}"
        insert_row(application, unless_taken="number")
    return application


def _status_label(status: str) -> str:
    return str(Status(status).label)


def _actor_fields(actor: User) -> dict[str, Any]:
    return {"actor": actor, "actor_role": getattr(actor, "role", "") or ""}


def check_reach(application: Application, actor: User) -> None:
    """Staff act only inside their jurisdiction; elsewhere the application does not exist."""
    districts = district_ids_visible_to(actor)
    if districts is None:
        return
    if application.place_of_stay_district_id not in districts:
        raise NotFound(_("Application not found."))


def _check_actor(application: Application, t: Transition, actor: User) -> None:
    if t.allowed == APPLICANT:
        if application.applicant_id != actor.pk:
            # Someone else's application is not theirs to see either.
            raise NotFound(_("Application not found."))
        return
    if not actor.has_perm(t.allowed):
        raise PermissionDeniedError(
            _("You do not have permission for “%(action)s”.") % {"action": t.label}
        )
    check_reach(application, actor)


def clean_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationFailed(fields={"reason": _("Give the reason for this decision.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationFailed(
            fields={
                "reason": _("The reason is too long (at most %(max)d characters).")
                % {"max": REASON_MAX_LENGTH}
            }
        )
    return reason


def lock_for_change(application: Application, expected_version: int | None) -> Application:
    """The row locked for the caller's transaction, at the version the actor saw.

    With ``record_change`` and ``check_reach``, the one way every write module of this
    context (documents, assignment, checks) changes an application.
    """
    # select_for_update holds the row on PostgreSQL; on SQLite the IMMEDIATE transaction
    # already serialises writers. Either way we decide on the row as it is now.
    current = Application.objects.select_for_update().get(pk=application.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _(
                "Someone else changed this application while you were working on it; "
                "it is now “%(status)s”. Reload it and try again."
            )
            % {"status": _status_label(current.status)}
        )
    return current


def record_change(
    *,
    application: Application,
    name: str,
    from_status: str,
    actor: User,
    reason: str,
    details: dict[str, Any],
    request: HttpRequest | None,
) -> ApplicationEvent:
    """History row and audit row, written with the change (call last: audit locks)."""
    event = insert_row(
        ApplicationEvent(
            application=application,
            transition=name,
            from_status=from_status,
            to_status=application.status,
            reason=reason,
            details=details,
            **_actor_fields(actor),
        )
    )
    audit_record(
        action=f"application.{name}",
        target_type="application",
        target_id=application.number,
        request=request,
        actor=actor,
        reason=reason,
        details={
            "from": from_status,
            "to": application.status,
            "version": application.version,
            **details,
        },
    )
    return event


def _start_clock(current: Application, now: datetime) -> None:
    current.accepted_at = now
    # The legal clock starts at acceptance: the deadline is fixed with it, in the same
    # transaction, under the rules in force on the acceptance day in Asia/Baku.
    current.due_date = application_due_date(
        service_code=current.service_code,
        accepted_on=timezone.localtime(now, SERVICE_TZ).date(),
        tier=(current.form_data or {}).get("fee_tier"),
    )


@audited_transaction
def application_create_draft(
    *,
    applicant: User,
    service_code: str,
    form_data: dict[str, Any],
    person: Person | None = None,
    place_of_stay_district: District | None = None,
    request: HttpRequest | None = None,
) -> Application:
    service_code = (service_code or "").strip()
    if not service_code:
        raise ValidationFailed(fields={"service_code": _("Choose a service.")})
    if not isinstance(form_data, dict):
        raise ValidationFailed(fields={"form_data": _("The form could not be read.")})
    application = _insert_numbered(
        Application(
            service_code=service_code,
            applicant=applicant,
            person=person,
            place_of_stay_district=place_of_stay_district,
            form_data=form_data,
        )
    )
    record_change(
        application=application,
        name="create",
        from_status=Status.DRAFT,
        actor=applicant,
        reason="",
        details={"service_code": service_code},
        request=request,
    )
    return application


@audited_transaction
def application_submit_new(
    *,
    applicant: User,
    service_code: str,
    form_data: dict[str, Any],
    place_of_stay_district_id: int | None,
    access_code_hash: str,
    request: HttpRequest | None = None,
) -> Application:
    """An application written and submitted at once (the API's single request): the
    ``submit`` transition of a draft that never had to be stored on its own, so its
    history starts with the submission."""
    draft = Application(
        service_code=service_code,
        applicant=applicant,
        form_data=form_data,
        place_of_stay_district_id=place_of_stay_district_id,
        access_code_hash=access_code_hash,
    )
    return application_transition(
        application=draft, transition="submit", actor=applicant, request=request
    )


@audited_transaction
def application_transition(
    *,
    application: Application,
    transition: str,
    actor: User,
    expected_version: int | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> Application:
    """Apply ``transition`` and return the application as saved (a fresh instance)."""
    t = TRANSITIONS.get(transition)
    if t is None:
        raise ValueError(f"unknown transition {transition!r}")  # a programming error
    if application.pk is None:
        # Written and submitted in one go (application_submit_new): nobody else can see
        # the row yet, so there is nothing to lock and no one to be stale against.
        current = application
    else:
        current = lock_for_change(application, expected_version)
    if current.applicant_id == getattr(actor, "pk", None):
        current.applicant = actor  # the handlers (the e-mail) need the applicant: no re-read
    _check_actor(current, t, actor)
    if current.status not in t.sources:
        raise Conflict(
            _("“%(action)s” is not possible: this application is “%(status)s”.")
            % {"status": _status_label(current.status), "action": t.label}
        )
    if t.confirms and current.proposed_decision != t.confirms:
        raise Conflict(
            _("“%(action)s” does not match the decision proposed for this application.")
            % {"action": t.label}
        )
    if t.not_by_proposer and current.proposed_by_id == actor.pk:
        raise PermissionDeniedError(
            _(
                "You proposed this decision, so another approving officer must confirm it "
                "(four-eyes rule)."
            )
        )
    reason = clean_reason(reason, required=t.reason_required)
    details = dict(details or {})

    from_status = current.status
    now = timezone.now()
    current.status = t.target
    if t.name == "submit":
        current.submitted_at = now
    elif t.name == "accept":
        _start_clock(current, now)
    elif t.name == "auto_approve" and current.accepted_at is None:
        # Decided without an officer: accepted and approved at the same moment, so the
        # record still says when the clock started and by when a decision was owed.
        _start_clock(current, now)
    elif t.name in PROPOSALS:
        current.proposed_by = actor
        current.proposed_decision = PROPOSALS[t.name]
        current.decision_reasons = [reason] if reason else []
    elif t.name == "send_back":
        current.proposed_by = None
        current.proposed_decision = ProposedDecision.NONE
        current.decision_reasons = []
    if t.name in {"approve", "refuse", "return", "auto_approve"}:
        current.decided_at = now
        if reason:
            current.decision_reasons = [*current.decision_reasons, reason]
    current.version += 1
    flags_before = set(current.flags)
    effects_before_save(application=current, transition=t.name)
    if added := sorted(set(current.flags) - flags_before):
        details["flags_set"] = added
    if current.pk is None:
        _insert_numbered(current)  # written and submitted in one go: its first write
    else:
        current.save()

    event = record_change(
        application=current,
        name=t.name,
        from_status=from_status,
        actor=actor,
        reason=reason,
        details=details,
        request=request,
    )
    effects_in_transaction(event=event)
    effects_enqueue(event=event)
    return current


def _flag_change(
    *,
    application: Application,
    flag: str,
    actor: User,
    setting: bool,
    expected_version: int | None,
    reason: str,
    request: HttpRequest | None,
) -> Application:
    if flag not in Flag.values:
        raise ValidationFailed(fields={"flag": _("Unknown flag.")})
    current = lock_for_change(application, expected_version)
    if not actor.has_perm(FLAG_PERMISSION):
        raise PermissionDeniedError()
    check_reach(current, actor)
    if current.status not in FLAG_STATES[flag]:
        raise Conflict(
            _("This application is “%(status)s”; the flag “%(flag)s” cannot change now.")
            % {"status": _status_label(current.status), "flag": Flag(flag).label}
        )
    flags = set(current.flags)
    if (flag in flags) == setting:
        return current  # already as asked: nothing to record
    flags.add(flag) if setting else flags.discard(flag)
    current.flags = sorted(flags)
    current.version += 1
    current.save()
    event = record_change(
        application=current,
        name="flag_set" if setting else "flag_clear",
        from_status=current.status,
        actor=actor,
        reason=clean_reason(reason, required=False),
        details={"flag": flag},
        request=request,
    )
    # In-transaction handlers see flag changes too (the applicant is e-mailed when the
    # Service asks for documents); each handler picks the events it cares about.
    effects_in_transaction(event=event)
    return current


@audited_transaction
def application_flag_set(
    *,
    application: Application,
    flag: str,
    actor: User,
    expected_version: int | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Application:
    return _flag_change(
        application=application,
        flag=flag,
        actor=actor,
        setting=True,
        expected_version=expected_version,
        reason=reason,
        request=request,
    )


@audited_transaction
def application_flag_clear(
    *,
    application: Application,
    flag: str,
    actor: User,
    expected_version: int | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Application:
    return _flag_change(
        application=application,
        flag=flag,
        actor=actor,
        setting=False,
        expected_version=expected_version,
        reason=reason,
        request=request,
    )


def application_view_record(
    *, application: Application, actor: User, request: HttpRequest | None = None
) -> None:
    """An officer opened the file: who read whose case is part of the audit trail."""
    audit_record(
        action="application.view",
        target_type="application",
        target_id=application.number,
        request=request,
        actor=actor,
    )
