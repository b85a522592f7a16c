"""What a share code shows, by purpose: the verifier sees only what the purpose needs.

Every purpose shows the holder's name, the photo area, the permit's type and status now, and
its end date. The conditions differ:

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

from django.utils.translation import gettext as _

from umis.permits.models import Permit
from umis.permits.share_models import ShareCode, SharePurpose
from umis.permits.states import PermitStatus
from umis.permits.types import PermitType

WORK_GROUNDS = frozenset({"work"})


@dataclass(frozen=True)
class ShareAnswer:
    purpose: str
    purpose_label: str
    name: str
    photo_available: bool  # no photograph is served online yet: the page shows its place
    permit_type: str
    permit_type_label: str
    status: str
    status_label: str
    valid_until: date
    condition: str  # "right_to_work", "right_to_rent" or "" for other purposes
    condition_label: str
    condition_met: bool | None  # None when the purpose has no condition


def may_work(permit: Permit) -> bool:
    if permit.status != PermitStatus.ACTIVE:
        return False
    if permit.permit_type in (PermitType.WORK, PermitType.PERMANENT_RESIDENCE):
        return True
    if permit.permit_type == PermitType.TEMPORARY_RESIDENCE:
        return (permit.application.form_data or {}).get("grounds") in WORK_GROUNDS
    return False


def may_rent(permit: Permit) -> bool:
    return permit.status == PermitStatus.ACTIVE


def _name(permit: Permit) -> str:
    person = permit.holder
    return " ".join(p for p in (person.given_names_latin, person.surname_latin) if p).strip()


def share_answer(share: ShareCode, *, now: datetime) -> ShareAnswer:
    permit = share.permit
    status = permit.status
    if status == PermitStatus.ACTIVE and permit.valid_to < now.date():
        status = PermitStatus.EXPIRED  # the daily task has not run yet
    condition, label, met = "", "", None
    if share.purpose == SharePurpose.RIGHT_TO_WORK:
        condition, label, met = "right_to_work", _("May work"), may_work(permit)
    elif share.purpose == SharePurpose.RIGHT_TO_RENT:
        condition, label, met = "right_to_rent", _("May rent a home"), may_rent(permit)
    if status != PermitStatus.ACTIVE:
        met = False if met is not None else None
    return ShareAnswer(
        purpose=share.purpose,
        purpose_label=str(SharePurpose(share.purpose).label),
        name=_name(permit),
        photo_available=False,
        permit_type=permit.permit_type,
        permit_type_label=str(PermitType(permit.permit_type).label),
        status=status,
        status_label=str(PermitStatus(status).label),
        valid_until=permit.valid_to,
        condition=condition,
        condition_label=str(label),
        condition_met=met,
    )
