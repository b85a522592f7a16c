"""Writing permits: issue, revoke, cancel, replace, expire. One function per use case.

Each runs in one transaction with its history row and its audit row. ``permit_issue`` is
called by the application's ``issue`` transition, inside that transition's transaction
(``umis.permits.handlers``), so an issued application without its permit never exists.
Revoking, cancelling and replacing lock the permit's row and compare the version the
officer saw, like the decisions on applications: the second of two officers acting at
once is told what happened instead of overwriting it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import Department, User
from umis.audit.services import audit_record, audited_block, audited_transaction
from umis.cases.models import Application
from umis.core.calendar import SERVICE_TZ
from umis.core.errors import Conflict
from umis.eservices import registry
from umis.people.intake import application_person_resolve
from umis.people.services import person_assign_fin
from umis.permits.models import Permit
from umis.permits.photos import permit_photo_copy
from umis.permits.states import ACTIONS, PermitStatus
from umis.permits.types import CARRIES_FIN
from umis.permits.writes import (
    check_action,
    clean_permit_reason,
    lock_for_change,
    new_permit,
    record_event,
)


def service_today() -> date:
    return timezone.localtime(timezone=SERVICE_TZ).date()


# --- issue ---------------------------------------------------------------------------


def _issuing_department(application: Application) -> Department:
    district = application.place_of_stay_district
    if district is not None:
        return district.department
    # Older data without a place of stay: the decision was headquarters' to take.
    return Department.objects.get(kind=Department.Kind.HEADQUARTERS)


@audited_transaction
def permit_issue(
    *, application: Application, actor: User, request: HttpRequest | None = None
) -> Permit | None:
    """The permit for an application being issued, or None when its service issues none.

    Called from the ``issue`` transition's transaction. A second call for the same
    application returns the permit already issued.
    """
    service = registry.find(application.service_code)
    if service is None or service.permit is None:
        return None
    existing = Permit.objects.filter(application=application, replaces__isnull=True).first()
    if existing is not None:
        return existing
    now = timezone.now()
    issued_on = timezone.localtime(now, SERVICE_TZ).date()
    valid_from, valid_to = service.permit.validity(application.form_data, issued_on)
    permit_type = service.permit.permit_type
    holder = application_person_resolve(
        application=application, actor=actor, request=request, found_by="permit.issue"
    )
    if permit_type in CARRIES_FIN:
        # The first such permit gives the holder their FIN; later ones print the same.
        fin = person_assign_fin(person=holder, actor=actor, request=request)
    else:
        fin = holder.fin or ""
    permit = new_permit(
        permit_type=permit_type,
        holder_id=holder.pk,
        fin=fin,
        valid_from=valid_from,
        valid_to=valid_to,
        application=application,
        department=_issuing_department(application),
        actor=actor,
        now=now,
    )
    record_event(
        permit=permit,
        action="issue",
        from_status="",
        actor=actor,
        request=request,
        details={
            "application": application.number,
            "type": permit_type,
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat(),
        },
    )
    return permit


# --- decisions on an issued permit -----------------------------------------------------


def _end(
    *,
    permit: Permit,
    name: str,
    actor: User,
    reason_code: str,
    reason: str,
    expected_version: int | None,
    request: HttpRequest | None,
) -> Permit:
    action = ACTIONS[name]
    current = lock_for_change(permit, expected_version)
    check_action(current, action, actor)
    code, text = clean_permit_reason(name, reason_code, reason)
    from_status = current.status
    current.status = action.target
    current.ended_at = timezone.now()
    current.version += 1
    current.save()
    record_event(
        permit=current,
        action=name,
        from_status=from_status,
        actor=actor,
        request=request,
        reason_code=code,
        reason=text,
    )
    return current


@audited_transaction
def permit_revoke(
    *,
    permit: Permit,
    actor: User,
    reason_code: str,
    reason: str = "",
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> Permit:
    """Withdraw a permit on a ground of law: an approving officer's decision."""
    return _end(
        permit=permit,
        name="revoke",
        actor=actor,
        reason_code=reason_code,
        reason=reason,
        expected_version=expected_version,
        request=request,
    )


@audited_transaction
def permit_cancel(
    *,
    permit: Permit,
    actor: User,
    reason_code: str,
    reason: str = "",
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> Permit:
    """End a permit for a reason that is no fault of the holder's: an approver's decision."""
    return _end(
        permit=permit,
        name="cancel",
        actor=actor,
        reason_code=reason_code,
        reason=reason,
        expected_version=expected_version,
        request=request,
    )


@audited_transaction
def permit_replace(
    *,
    permit: Permit,
    actor: User,
    reason_code: str,
    reason: str = "",
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> Permit:
    """A new permit in place of a lost, stolen or damaged one; returns the new permit.

    The old one becomes ``replaced``; the new one has the next number of the series, points
    to the old one, and keeps its end of validity (it is the same decision).
    """
    action = ACTIONS["replace"]
    current = lock_for_change(permit, expected_version)
    check_action(current, action, actor)
    code, text = clean_permit_reason("replace", reason_code, reason)
    now = timezone.now()
    today = timezone.localtime(now, SERVICE_TZ).date()
    if current.valid_to < today:
        raise Conflict(
            _("This permit's validity ended on %(date)s: it cannot be replaced.")
            % {"date": current.valid_to.isoformat()}
        )
    current.status = action.target
    current.ended_at = now
    current.version += 1
    current.save()
    replacement = new_permit(
        permit_type=current.permit_type,
        holder_id=current.holder_id,
        fin=current.fin,
        valid_from=max(today, current.valid_from),
        valid_to=current.valid_to,
        application=current.application,
        department=current.issuing_department,
        actor=actor,
        now=now,
        replaces=current,
    )
    permit_photo_copy(source=current, target=replacement)
    record_event(
        permit=current,
        action="replace",
        from_status=PermitStatus.ACTIVE,
        actor=actor,
        request=request,
        reason_code=code,
        reason=text,
        details={"replacement": replacement.number},
    )
    record_event(
        permit=replacement,
        action="issue_replacement",
        from_status="",
        actor=actor,
        request=request,
        reason_code=code,
        reason=text,
        details={"replaces": current.number},
    )
    return replacement


# --- reprint ---------------------------------------------------------------------------


@audited_transaction
def permit_reprint(*, permit: Permit, actor: User, request: HttpRequest | None = None) -> Permit:
    """An officer prints the permit again, marked as a copy: a history row and an audit row.

    The permit itself does not change (same number, same status, same version); the
    document printed says "COPY / SURƏT" and the date (``documents.permit_pdf(copy=True)``).
    Only a permit in force is reprinted: one that has ended is not handed out again.
    """
    if permit.status != PermitStatus.ACTIVE:
        raise Conflict(
            _("This permit is %(status)s: only a permit in force can be reprinted.")
            % {"status": permit.get_status_display().lower()}
        )
    record_event(
        permit=permit,
        action="reprint",
        from_status=permit.status,
        actor=actor,
        request=request,
        details={"copy": True},
    )
    return permit


# --- expiry and reads ------------------------------------------------------------------

EXPIRY_BATCH = 200


def permits_expire(*, today: date | None = None, batch_size: int = EXPIRY_BATCH) -> int:
    """Mark every active permit whose last valid day is before ``today`` expired.

    Idempotent: a second run finds nothing left to do. Works in batches, each its own
    transaction with a history row and an audit row per permit (appended together at the
    batch's end), so a long run neither holds locks for long nor loses what it did if
    stopped. Returns how many expired.
    """
    today = today or service_today()
    count = 0
    while True:
        with audited_block():
            # Locked, and the condition checked again under the lock: a permit revoked
            # meanwhile by an officer is left as the officer decided.
            batch = list(
                Permit.objects.select_for_update()
                .filter(status=PermitStatus.ACTIVE, valid_to__lt=today)
                .order_by("valid_to", "id")[:batch_size]
            )
            for current in batch:
                current.status = PermitStatus.EXPIRED
                current.ended_at = timezone.now()
                current.version += 1
                current.save()
                record_event(
                    permit=current,
                    action="expire",
                    from_status=PermitStatus.ACTIVE,
                    actor=None,
                    request=None,
                    details={"valid_to": current.valid_to.isoformat()},
                )
        count += len(batch)
        if len(batch) < batch_size:
            return count


def permit_view_record(*, permit: Permit, actor: Any, request: HttpRequest | None = None) -> None:
    """An officer opened a permit: a read of the holder's file, in the audit trail."""
    audit_record(
        action="permit.view",
        target_type="permit",
        target_id=permit.number,
        request=request,
        actor=actor if isinstance(actor, User) else None,
        details={"person_id": permit.holder_id},
    )
