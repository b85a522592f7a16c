"""What a share code shows, by purpose: the verifier sees only what the purpose needs.

Every purpose shows the holder's name and photograph (the one the permit shows, when it has
one), the permit's type and status now, and its end date. The conditions differ:

- right to work: yes for a work permit, a permanent residence permit, and a temporary
  residence permit granted on the grounds of work; no for any other document, and no once
  the permit is no longer in force;
- right to rent: yes while any permit is in force (it proves a lawful stay until its end);
- other: no condition, only the facts above.

The permit's number, FIN, birth date and address are never shown: the verifier already
has the birth date, and the rest is not needed for any of these purposes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from umis.core.calendar import SERVICE_TZ
from umis.permits.photos import photo_data_uri
from umis.permits.share_models import SharePurpose
from umis.permits.share_selectors import ShareToCheck
from umis.permits.states import PermitStatus
from umis.permits.types import PermitType

WORK_GROUNDS = frozenset({"work"})


@dataclass(frozen=True)
class ShareAnswer:
    purpose: str
    purpose_label: str
    name: str
    photo: str | None  # the permit's photograph as a data: URI; None when it has none
    permit_type: str
    permit_type_label: str
    status: str
    status_label: str
    valid_until: date
    condition: str  # "right_to_work", "right_to_rent" or "" for other purposes
    condition_label: str
    condition_met: bool | None  # None when the purpose has no condition


def may_work(*, permit_type: str, status: str, grounds: str | None) -> bool:
    if status != PermitStatus.ACTIVE:
        return False
    if permit_type in (PermitType.WORK, PermitType.PERMANENT_RESIDENCE):
        return True
    if permit_type == PermitType.TEMPORARY_RESIDENCE:
        return grounds in WORK_GROUNDS
    return False


def share_answer(share: ShareToCheck, *, now: datetime) -> ShareAnswer:
    status = share.permit_status
    if status == PermitStatus.ACTIVE and share.permit_valid_to < localtime(now, SERVICE_TZ).date():
        status = PermitStatus.EXPIRED  # the daily task has not run yet
    condition, label, met = "", "", None
    if share.purpose == SharePurpose.RIGHT_TO_WORK:
        condition, label = "right_to_work", _("May work")
        met = may_work(permit_type=share.permit_type, status=status, grounds=share.grounds)
    elif share.purpose == SharePurpose.RIGHT_TO_RENT:
        condition, label, met = "right_to_rent", _("May rent a home"), status == PermitStatus.ACTIVE
    name = " ".join(p for p in (share.holder_given_names, share.holder_surname) if p).strip()
    return ShareAnswer(
        purpose=share.purpose,
        purpose_label=str(SharePurpose(share.purpose).label),
        name=name,
        photo=photo_data_uri(share.photo),
        permit_type=share.permit_type,
        permit_type_label=str(PermitType(share.permit_type).label),
        status=status,
        status_label=str(PermitStatus(status).label),
        valid_until=share.permit_valid_to,
        condition=condition,
        condition_label=str(label),
        condition_met=met,
    )
