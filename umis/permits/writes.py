"""The steps every permit write shares: a new permit with its number, the row locked at
the version the officer saw, the checks of reach, right and state, the reason, and the
history and audit rows. Used by ``services`` only; each step joins the caller's transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.jurisdiction import restrict_to_departments
from umis.accounts.models import Department, User
from umis.audit.services import audit_record
from umis.cases.models import Application
from umis.core.calendar import SERVICE_TZ
from umis.core.errors import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from umis.permits.models import Permit, PermitEvent
from umis.permits.numbering import next_permit_number
from umis.permits.reasons import OTHER, reason_label, reason_valid
from umis.permits.states import PermitAction, PermitStatus

REASON_MAX_LENGTH = 4000


def _role(actor: Any) -> str:
    return getattr(actor, "role", "") or ""


def status_label(status: str) -> str:
    return str(PermitStatus(status).label)


def record_event(
    *,
    permit: Permit,
    action: str,
    from_status: str,
    actor: User | None,
    request: HttpRequest | None,
    reason_code: str = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> PermitEvent:
    """History row and audit row, written with the change (call last: audit locks)."""
    details = dict(details or {})
    event = PermitEvent.objects.create(
        permit=permit,
        action=action,
        from_status=from_status,
        to_status=permit.status,
        actor=actor,
        actor_role=_role(actor),
        reason_code=reason_code,
        reason=reason,
        details=details,
    )
    label = reason_label(action, reason_code) if reason_code else ""
    audit_record(
        action=f"permit.{action}",
        target_type="permit",
        target_id=permit.number,
        request=request,
        actor=actor,
        reason="; ".join(p for p in (label, reason) if p),
        details={
            "from": from_status,
            "to": permit.status,
            "version": permit.version,
            "person_id": permit.holder_id,
            **({"reason_code": reason_code} if reason_code else {}),
            **details,
        },
    )
    return event


def new_permit(
    *,
    permit_type: str,
    holder_id: int,
    fin: str,
    valid_from: date,
    valid_to: date,
    application: Application,
    department: Department,
    actor: User,
    now: datetime,
    replaces: Permit | None = None,
) -> Permit:
    year = timezone.localtime(now, SERVICE_TZ).year
    sequence, number = next_permit_number(permit_type=permit_type, year=year)
    return Permit.objects.create(
        number=number,
        permit_type=permit_type,
        year=year,
        sequence=sequence,
        holder_id=holder_id,
        fin=fin,
        valid_from=valid_from,
        valid_to=valid_to,
        application=application,
        issuing_department=department,
        issued_at=now,
        issued_by=actor,
        replaces=replaces,
    )


def _in_reach(permit: Permit, actor: User) -> bool:
    return restrict_to_departments(
        Permit.objects.filter(pk=permit.pk), actor, department_field="issuing_department"
    ).exists()


def lock_for_change(permit: Permit, expected_version: int | None) -> Permit:
    current = Permit.objects.select_for_update().get(pk=permit.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _(
                "Someone else changed this permit while you were working on it; it is now "
                "“%(status)s”. Check it and decide again."
            )
            % {"status": status_label(current.status)}
        )
    return current


def check_action(current: Permit, action: PermitAction, actor: User) -> None:
    # Outside the officer's reach the permit does not exist, whatever their rights.
    if not _in_reach(current, actor):
        raise NotFound(_("Permit not found."))
    if not actor.has_perm(action.allowed):
        raise PermissionDeniedError(
            _("You do not have permission for “%(action)s”.") % {"action": action.label}
        )
    if current.status not in action.sources:
        raise Conflict(
            _("“%(action)s” is not possible: this permit is “%(status)s”.")
            % {"action": action.label, "status": status_label(current.status)}
        )


def clean_permit_reason(action: str, reason_code: str, reason: str) -> tuple[str, str]:
    """The reason chosen from the action's list and the officer's words, checked."""
    code = (reason_code or "").strip()
    text = (reason or "").strip()
    errors = {}
    if not reason_valid(action, code):
        errors["reason_code"] = _("Choose a reason from the list.")
    elif code == OTHER and not text:
        errors["reason"] = _("Explain the reason in your own words.")
    if len(text) > REASON_MAX_LENGTH:
        errors["reason"] = _("The explanation is too long (at most %(max)d characters).") % {
            "max": REASON_MAX_LENGTH
        }
    if errors:
        raise ValidationFailed(fields=errors)
    return code, text
