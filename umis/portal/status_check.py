"""The public status check: application number + access code + the subject's birth date.

Built so that it tells a guesser nothing: an unknown number, a wrong code and a wrong
birth date get the same answer, and take the same time (the slow password hasher runs on
every look-up, against a dummy hash when there is no application). Look-ups are counted
per client address and per number in the cache, and every one is in the audit log
(never the code itself).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.services import audit_record
from umis.cases.access_codes import access_code_matches
from umis.cases.models import Application
from umis.cases.states import Status
from umis.core.errors import DomainError
from umis.core.ratelimit import over_public_limits

NUMBER_MAX = 32
CODE_MAX = 20


class TooManyLookups(DomainError):
    status = 429
    code = "too_many_requests"

    def default_message(self) -> str:
        return _("Too many look-ups. Wait a quarter of an hour and try again.")


@dataclass(frozen=True)
class PublicStatus:
    number: str
    status: str
    status_label: str
    submitted_at: datetime | None
    accepted_at: datetime | None
    due_date: date | None
    decided_at: datetime | None


def _over_limit(number: str, address: str) -> bool:
    return over_public_limits(
        "status-check",
        address=address,
        subject=number,
        per_address=("UMIS_STATUS_CHECKS_PER_ADDRESS", 20),
        per_subject=("UMIS_STATUS_CHECKS_PER_NUMBER", 5),
        window=("UMIS_STATUS_CHECK_WINDOW_SECONDS", 900),
    )


def _code_expired(application: Application) -> bool:
    """A code opens a decided application for a while after the decision, then expires:
    an old slip of paper should not show someone's case for ever. Open cases never expire."""
    if application.decided_at is None:
        return False
    days = int(getattr(settings, "UMIS_ACCESS_CODE_DAYS_AFTER_DECISION", 90))
    return timezone.now() > application.decided_at + timedelta(days=days)


def normalise_number(number: str) -> str:
    return (number or "").strip().upper()[:NUMBER_MAX]


def application_status_lookup(
    *, number: str, access_code: str, birth_date: date, request: HttpRequest | None
) -> PublicStatus | None:
    """The status of the application these three details open, or None for any mismatch.

    Raises ``TooManyLookups`` past the limits (the look-up is still logged).
    """
    number = normalise_number(number)
    address = (request.META.get("REMOTE_ADDR") if request else "") or "-"
    if _over_limit(number, address):
        _log(number, "rate_limited", request)
        raise TooManyLookups()
    application = Application.objects.exclude(status=Status.DRAFT).filter(number=number).first()
    stored_hash = application.access_code_hash if application else ""
    code_ok = access_code_matches(stored_hash, access_code)
    stored_birth = str((application.form_data or {}).get("birth_date", "")) if application else ""
    birth_ok = hmac.compare_digest(stored_birth.encode(), birth_date.isoformat().encode())
    if application is None or not stored_hash or not code_ok or not birth_ok:
        _log(number, "not_matched", request)
        return None
    if _code_expired(application):
        # Answered like any other mismatch: an expired code says nothing more.
        _log(number, "not_matched", request)
        return None
    _log(number, "found", request)
    return PublicStatus(
        number=application.number,
        status=application.status,
        status_label=str(Status(application.status).label),
        submitted_at=application.submitted_at,
        accepted_at=application.accepted_at,
        due_date=application.due_date,
        decided_at=application.decided_at,
    )


_OUTCOMES = {"found": "success", "not_matched": "failure", "rate_limited": "denied"}


@transaction.atomic
def _log(number: str, result: str, request: HttpRequest | None) -> None:
    # Its own transaction: a refusal raised after it must not undo the record.
    audit_record(
        action="application.status_check",
        target_type="application",
        target_id=number or "-",
        request=request,
        outcome=_OUTCOMES[result],
        details={"result": result},
    )
