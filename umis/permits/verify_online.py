"""The verifier's second line: what the register says about the permit now (online).

The offline check proves what the permit said when it was issued; only the register knows
whether it has since been revoked, cancelled or replaced. The look-up is made only when the
signature holds, so the number is genuine and the verifier cannot be used to probe numbers.
It is limited per client address, like the public status check, and every look-up is in
the audit log with the permit number and the answer, nothing else about the holder.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest

from umis.audit.services import audit_entry_new
from umis.audit.together import current_write_group, write_group
from umis.core.group_commit import GroupCommit
from umis.core.ratelimit import count_hit
from umis.permits.payload import Verification, verify_payload
from umis.permits.selectors import permit_public_status

logger = logging.getLogger(__name__)

RATE_LIMITED = "rate_limited"
UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class OnlineStatus:
    checked: bool
    status: str | None = None  # the register's status; None when it has no such permit
    not_checked_because: str = ""  # RATE_LIMITED or UNAVAILABLE


def _over_limit(request: HttpRequest | None) -> bool:
    address = (request.META.get("REMOTE_ADDR") if request else "") or "-"
    limit = int(getattr(settings, "UMIS_PERMIT_VERIFY_CHECKS_PER_ADDRESS", 60))
    window = int(getattr(settings, "UMIS_PERMIT_VERIFY_WINDOW_SECONDS", 900))
    return count_hit(f"umis:permit-verify:address:{address}", window=window) > limit


def online_status(*, number: str, request: HttpRequest | None) -> OnlineStatus:
    """The permit's status in the register now, or why it was not looked up."""
    if _over_limit(request):
        _log(number, RATE_LIMITED, request)
        return OnlineStatus(checked=False, not_checked_because=RATE_LIMITED)
    try:
        status = permit_public_status(number)
        _log(number, status or "not_found", request)
    except DatabaseError:
        logger.exception("The register could not be read for the permit verifier")
        return OnlineStatus(checked=False, not_checked_because=UNAVAILABLE)
    return OnlineStatus(checked=True, status=status)


_OUTCOMES = {RATE_LIMITED: "denied", "not_found": "failure"}


# Committed in groups, each check waiting for its own entry (see umis.core.group_commit).
_ONLINE_CHECKS = GroupCommit("verify-online", block=write_group)


def _log(number: str, result: str, request: HttpRequest | None) -> None:
    entry = audit_entry_new(
        action="permit.verify_online",
        target_type="permit",
        target_id=number or "-",
        request=request,
        outcome=_OUTCOMES.get(result, "success"),
        details={"result": result},
    )
    # Its own transaction: the answer is given whatever else the request does.
    _ONLINE_CHECKS.run(lambda: current_write_group().entries.append(entry))


def verify_with_online_line(
    text: str, *, request: HttpRequest | None, now: datetime
) -> tuple[Verification, OnlineStatus | None]:
    """The offline verification, and the online line when the signature holds."""
    verification = verify_payload(text, now=now)
    if verification.claims is None:
        return verification, None
    return verification, online_status(number=verification.claims.number, request=request)
