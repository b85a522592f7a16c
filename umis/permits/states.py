"""The life of a permit, declared once.

A permit is issued ``active`` and ends in exactly one of the terminal states: ``expired``
(its validity ran out; the daily task), ``cancelled`` (ended by an administrative decision:
the holder's request, citizenship, death, an error), ``revoked`` (withdrawn as a sanction
on a ground of law) or ``replaced`` (lost, stolen or damaged: a new permit with a new
number takes its place until the same end date). Nothing leaves a terminal state.

Every change goes through ``umis.permits.services``, which reads the table below: which
states an action leaves from, where it goes, who may do it and whether a reason is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from umis.accounts.roles import perm


class PermitStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")


TERMINAL = frozenset(
    {PermitStatus.EXPIRED, PermitStatus.CANCELLED, PermitStatus.REVOKED, PermitStatus.REPLACED}
)

SYSTEM = ""  # done by the Service itself (the expiry task), no permission to check


@dataclass(frozen=True)
class PermitAction:
    name: str
    label: str | Promise
    sources: frozenset[str]
    target: str
    allowed: str  # a permission, or SYSTEM
    reason_required: bool


ACTIONS: dict[str, PermitAction] = {
    a.name: a
    for a in (
        PermitAction(
            "revoke",
            _("Revoke"),
            frozenset({PermitStatus.ACTIVE}),
            PermitStatus.REVOKED,
            perm.PERMIT_DECIDE,
            reason_required=True,
        ),
        PermitAction(
            "cancel",
            _("Cancel"),
            frozenset({PermitStatus.ACTIVE}),
            PermitStatus.CANCELLED,
            perm.PERMIT_DECIDE,
            reason_required=True,
        ),
        PermitAction(
            "replace",
            _("Replace"),
            frozenset({PermitStatus.ACTIVE}),
            PermitStatus.REPLACED,
            perm.PERMIT_REPLACE,
            reason_required=True,
        ),
        PermitAction(
            "expire",
            _("Expire"),
            frozenset({PermitStatus.ACTIVE}),
            PermitStatus.EXPIRED,
            SYSTEM,
            reason_required=False,
        ),
    )
}

# How each row of a permit's history reads.
HISTORY_LABELS: dict[str, Promise] = {
    "issue": _("Issued"),
    "issue_replacement": _("Issued in place of a lost, stolen or damaged permit"),
    "revoke": _("Revoked"),
    "cancel": _("Cancelled"),
    "replace": _("Replaced by a new permit"),
    "expire": _("Expired"),
    "reprint": _("Reprinted as a copy"),
}


def is_final(status: str) -> bool:
    return status in TERMINAL


def event_label(action: str) -> str | Promise:
    return HISTORY_LABELS.get(action, action)
