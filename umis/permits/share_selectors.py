"""Reads for the holder's "Prove your status" pages: their permits, codes and checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone

from umis.core.compiled_query import CompiledQuery
from umis.permits.models import Permit
from umis.permits.share_models import ShareCheck, ShareCode
from umis.permits.states import PermitStatus


def permits_of_portal_user(user: Any) -> QuerySet[Permit]:
    """The permits issued on the user's own applications, newest first."""
    return Permit.objects.filter(application__applicant=user).select_related("application")


def active_permits_of_portal_user(user: Any) -> QuerySet[Permit]:
    return permits_of_portal_user(user).filter(status=PermitStatus.ACTIVE)


def permit_of_portal_user(user: Any, number: str) -> Permit | None:
    return permits_of_portal_user(user).filter(number=(number or "").strip().upper()).first()


def share_codes_of_holder(user: Any) -> QuerySet[ShareCode]:
    return ShareCode.objects.filter(holder=user).select_related("permit")


def share_code_of_holder(user: Any, pk: int) -> ShareCode | None:
    return share_codes_of_holder(user).filter(pk=pk).first()


def share_checks_of_holder(user: Any) -> QuerySet[ShareCheck]:
    return ShareCheck.objects.filter(code__holder=user).select_related("code__permit")


def share_code_state(share: ShareCode) -> str:
    """'revoked', 'expired' or 'active', as the holder's list shows it."""
    if share.revoked_at is not None:
        return "revoked"
    if share.valid_until <= timezone.now():
        return "expired"
    return "active"


@dataclass(frozen=True)
class ShareToCheck:
    """What checking a share code needs to know of the code, its permit and its holder."""

    id: int
    purpose: str
    valid_until: datetime
    revoked_at: datetime | None
    permit_number: str
    permit_type: str
    permit_status: str
    permit_valid_to: date
    holder_given_names: str
    holder_surname: str
    birth_year: int
    birth_month: int | None
    birth_day: int | None
    grounds: str | None  # the application's grounds (a residence permit on work grounds)
    photo: bytes | memoryview | None  # the permit's photograph (JPEG), if it has one


_SHARE_TO_CHECK = CompiledQuery(
    lambda digest: (
        ShareCode.objects.filter(code_digest=digest)
        .annotate(grounds=KeyTextTransform("grounds", "permit__application__form_data"))
        .values_list(
            "id",
            "purpose",
            "valid_until",
            "revoked_at",
            "permit__number",
            "permit__permit_type",
            "permit__status",
            "permit__valid_to",
            "permit__holder__given_names_latin",
            "permit__holder__surname_latin",
            "permit__holder__birth_year",
            "permit__holder__birth_month",
            "permit__holder__birth_day",
            "grounds",
            "permit__photo__jpeg",
        )
        .order_by()
    )
)


def share_to_check(digest: str) -> ShareToCheck | None:
    """The code with this digest, read in one round trip (every public check does it; the
    photograph comes with it rather than in a second one for the checks that show it)."""
    row = _SHARE_TO_CHECK.first(digest)
    return ShareToCheck(*row) if row is not None else None
