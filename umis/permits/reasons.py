"""The reasons an officer chooses from when ending or replacing a permit, as data.

A code travels in the history and the audit log (so a letter or a report can name it in
any language later); the officer's own words say how it applies. The lists follow the
general grounds of the Migration Code for annulling and cancelling permits; they are a
working list for the Service's lawyers to confirm, and adding a reason is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OTHER = "other"


@dataclass(frozen=True)
class PermitReason:
    code: str
    label: Promise


REASONS: dict[str, tuple[PermitReason, ...]] = {
    # Revocation: the permit is withdrawn because the holder or the grant broke the law.
    "revoke": (
        PermitReason(
            "false_information",
            _("The permit was obtained with false information or forged documents."),
        ),
        PermitReason(
            "national_security",
            _("The holder's activity threatens national security or public order."),
        ),
        PermitReason(
            "conviction",
            _("The holder was convicted of a serious or especially serious crime."),
        ),
        PermitReason("expulsion", _("An expulsion decision was taken against the holder.")),
        PermitReason(
            "grounds_ceased",
            _("The grounds of the permit (work, family, study, investment) no longer exist."),
        ),
        PermitReason(
            "migration_violations",
            _("The holder repeatedly broke the migration rules within one year."),
        ),
        PermitReason(OTHER, _("Other grounds of the law, explained below.")),
    ),
    # Cancellation: the permit ends for a reason that is no fault of the holder's.
    "cancel": (
        PermitReason("holder_request", _("The holder asked for the permit to be cancelled.")),
        PermitReason("citizenship", _("The holder became a citizen of the country.")),
        PermitReason("left_country", _("The holder left the country for permanent residence.")),
        PermitReason("death", _("The holder died.")),
        PermitReason("superseded", _("Another permit was issued to the holder in its place.")),
        PermitReason("issued_in_error", _("The permit was issued in error.")),
        PermitReason(OTHER, _("Other reasons, explained below.")),
    ),
    # Replacement: the same decision, a new document.
    "replace": (
        PermitReason("lost", _("The permit was lost.")),
        PermitReason("stolen", _("The permit was stolen.")),
        PermitReason("damaged", _("The permit was damaged.")),
        PermitReason(OTHER, _("Other reasons, explained below.")),
    ),
}


def reasons_for(action: str) -> tuple[PermitReason, ...]:
    return REASONS.get(action, ())


def reason_label(action: str, code: str) -> str:
    """The words of ``code``, looked up in ``action``'s list first (codes such as "other"
    recur), then in every list (a replacement's new permit cites the replacing reason)."""
    for reason in (*reasons_for(action), *(r for rs in REASONS.values() for r in rs)):
        if reason.code == code:
            return str(reason.label)
    return code


def reason_valid(action: str, code: str) -> bool:
    return any(reason.code == code for reason in reasons_for(action))
