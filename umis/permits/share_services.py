"""Share codes: make one, revoke one, check one. One function per use case.

``share_code_check`` is built to tell a guesser nothing: an unknown code, a wrong birth
date, an expired and a revoked code all answer ``None``, and each is in the audit log (never
the code). Checks are counted per client address and per code digest; past either limit the
check is refused (``TooManyChecks``) before anything is looked up. Every check of a code that
exists is also a ``ShareCheck`` row the holder reads: when, which purpose, the organisation
the verifier named, the reference they were given, and the outcome; never their address.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.services import audit_entry_new, audit_record, audited_transaction
from umis.audit.together import current_write_group, write_group
from umis.core.errors import DomainError, NotFound, ValidationFailed
from umis.core.group_commit import GroupCommit
from umis.core.ratelimit import over_public_limits
from umis.permits.models import Permit
from umis.permits.share_codes import (
    check_reference_new,
    normalise_code,
    share_code_digest,
    share_code_new,
)
from umis.permits.share_models import ShareCheck, ShareCheckOutcome, ShareCode, SharePurpose
from umis.permits.share_rules import ShareAnswer, share_answer
from umis.permits.share_selectors import ShareToCheck, share_to_check
from umis.permits.states import PermitStatus

ORGANISATION_MAX = 200


class TooManyChecks(DomainError):
    status = 429
    code = "too_many_requests"

    def default_message(self) -> str:
        return _("Too many checks. Wait a quarter of an hour and try again.")


def max_days() -> int:
    return int(getattr(settings, "UMIS_SHARE_CODE_MAX_DAYS", 90))


# --- create and revoke --------------------------------------------------------------------


@audited_transaction
def share_code_create(
    *,
    holder: Any,
    permit: Permit,
    purpose: str,
    days: int,
    request: HttpRequest | None = None,
) -> tuple[ShareCode, str]:
    """A new share code for the holder's own active permit; returns it and the code, which
    is shown once and never kept."""
    errors: dict[str, str] = {}
    if purpose not in SharePurpose.values:
        errors["purpose"] = _("Choose what the code is for.")
    if not isinstance(days, int) or not 1 <= days <= max_days():
        errors["days"] = _("Choose a number of days from 1 to %(max)d.") % {"max": max_days()}
    if errors:
        raise ValidationFailed(errors)
    permit = Permit.objects.select_for_update().select_related("application").get(pk=permit.pk)
    if permit.application.applicant_id != holder.pk:
        raise NotFound(_("No such permit."))
    if permit.status != PermitStatus.ACTIVE:
        raise ValidationFailed(
            {"permit": _("Only a permit that is in force can be shared.")},
        )
    now = timezone.now()
    code, digest = share_code_new()
    share = ShareCode.objects.create(
        holder=holder,
        permit=permit,
        purpose=purpose,
        code_digest=digest,
        code_hint=normalise_code(code)[-3:],
        valid_until=now + timedelta(days=days),
    )
    audit_record(
        action="permit.share_code_create",
        target_type="permit",
        target_id=permit.number,
        request=request,
        actor=holder,
        details={"share_code": share.pk, "purpose": purpose, "days": days},
    )
    return share, code


@audited_transaction
def share_code_revoke(
    *, holder: Any, share_code: ShareCode, request: HttpRequest | None = None
) -> ShareCode:
    """Revoke one of the holder's codes; revoking a revoked code changes nothing."""
    share = (
        ShareCode.objects.select_for_update()
        .select_related("permit")
        .filter(pk=share_code.pk, holder=holder)
        .first()
    )
    if share is None:
        raise NotFound(_("No such share code."))
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        audit_record(
            action="permit.share_code_revoke",
            target_type="permit",
            target_id=share.permit.number,
            request=request,
            actor=holder,
            details={"share_code": share.pk},
        )
    return share


# --- check --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareCheckResult:
    reference: str
    checked_at: datetime
    answer: ShareAnswer


def _over_limit(digest: str, request: HttpRequest | None) -> bool:
    return over_public_limits(
        "share-check",
        address=(request.META.get("REMOTE_ADDR") if request else "") or "-",
        subject=digest,
        per_address=("UMIS_SHARE_CHECKS_PER_ADDRESS", 20),
        per_subject=("UMIS_SHARE_CHECKS_PER_CODE", 10),
        window=("UMIS_SHARE_CHECK_WINDOW_SECONDS", 900),
    )


def birth_date_matches(share: ShareToCheck, typed: date) -> bool:
    """The typed date against the holder's, to the precision the register knows it."""

    def written(year: int, month: int, day: int) -> str:
        return "-".join(
            (
                f"{year:04d}",
                f"{month:02d}" if share.birth_month else "XX",
                f"{day:02d}" if share.birth_day else "XX",
            )
        )

    stored = written(share.birth_year, share.birth_month or 0, share.birth_day or 0)
    given = written(typed.year, typed.month, typed.day)
    return hmac.compare_digest(stored.encode(), given.encode())


def _outcome(share: ShareToCheck | None, birth_ok: bool, now: datetime) -> str | None:
    if share is None:
        return None
    if share.revoked_at is not None:
        return ShareCheckOutcome.REVOKED
    if share.valid_until <= now:
        return ShareCheckOutcome.EXPIRED
    if not birth_ok:
        return ShareCheckOutcome.BIRTH_DATE_MISMATCH
    return ShareCheckOutcome.SHOWN


def share_code_check(
    *,
    code: str,
    birth_date: date,
    organisation: str = "",
    request: HttpRequest | None = None,
) -> ShareCheckResult | None:
    """What the code's purpose lets the verifier see, or None for any mismatch.

    Raises ``TooManyChecks`` past the limits, before anything is looked up; the refusal is
    in the audit log (not in the holder's log: a flood of guesses would bury it).
    """
    organisation = " ".join((organisation or "").split())[:ORGANISATION_MAX]
    digest = share_code_digest(code)
    if _over_limit(digest, request):
        _log(None, RATE_LIMITED, organisation, request)
        raise TooManyChecks()
    share = share_to_check(digest) if normalise_code(code) else None
    now = timezone.now()
    birth_ok = share is not None and birth_date_matches(share, birth_date)
    outcome = _outcome(share, birth_ok, now)
    row = _log(share, outcome, organisation, request)
    if share is None or row is None or outcome != ShareCheckOutcome.SHOWN:
        return None
    return ShareCheckResult(
        reference=row.reference, checked_at=row.at, answer=share_answer(share, now=now)
    )


RATE_LIMITED = "rate_limited"  # in the audit log only
_AUDIT_OUTCOMES = {ShareCheckOutcome.SHOWN: "success", RATE_LIMITED: "denied"}


# The holder's log and the audit log of public checks, committed in groups (each check
# waits for its own records before it answers).
_PUBLIC_CHECKS = GroupCommit("share-checks", block=write_group)


def _log(
    share: ShareToCheck | None, outcome: str | None, organisation: str, request: HttpRequest | None
) -> ShareCheck | None:
    shown_to_holder = share is not None and outcome in ShareCheckOutcome.values
    reference = check_reference_new() if shown_to_holder else ""
    entry = audit_entry_new(
        action="permit.share_code_check",
        target_type="permit",
        target_id=share.permit_number if share is not None and shown_to_holder else "-",
        request=request,
        outcome=_AUDIT_OUTCOMES.get(outcome or "", "failure"),
        details={
            "result": outcome or "not_found",
            "check": reference,
            "organisation": organisation,
        },
    )

    def write() -> ShareCheck | None:
        group = current_write_group()
        group.entries.append(entry)
        if not shown_to_holder:
            return None
        assert share is not None and outcome is not None
        row = ShareCheck(
            code_id=share.id,
            purpose=share.purpose,
            organisation=organisation,
            reference=reference,
            outcome=outcome,
        )
        group.rows.append(row)  # inserted with the group; its time is set then
        return row

    # Its own transaction: a refusal raised after it must not undo the record.
    return _PUBLIC_CHECKS.run(write)
