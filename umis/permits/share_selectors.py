"""Reads for the holder's "Prove your status" pages: their permits, codes and checks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

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
