"""What a verification means, in plain words for the page and the API (az, ru, en)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from umis.people.dates import PartialDate
from umis.permits.payload import Outcome, Reason, Verification
from umis.permits.types import SERIES, PermitType
from umis.permits.verify_online import OnlineStatus

_TYPE_BY_CODE = {series.lower(): permit_type for permit_type, series in SERIES.items()}

# Refusals that mean the text is not a permit code at all: shown beside the field.
_NOT_A_CODE = {
    Reason.EMPTY: lambda: _("Enter the permit code, or scan the QR code."),
    Reason.TOO_LONG: lambda: _("This text is longer than any permit code can be."),
    Reason.NOT_OURS: lambda: _(
        "This is not a permit code of the State Migration Service: those start with UMIS1:."
    ),
    Reason.NOT_BASE45: lambda: _(
        "This text has characters that a permit code never has. Scan the code again or "
        "copy all of it exactly."
    ),
    Reason.TRUNCATED: lambda: _(
        "This permit code is incomplete: part of it is missing. Scan the code again or "
        "copy all of it."
    ),
}


def _unreadable() -> str:
    return _(
        "This text starts like a permit code, but what follows cannot be read. It is not a "
        "valid permit code."
    )


def field_error(verification: Verification) -> str | None:
    """The message for the payload field when the text is not a readable permit code."""
    if verification.outcome != Outcome.MALFORMED:
        return None
    return _NOT_A_CODE.get(verification.reason, _unreadable)()


def headline(verification: Verification) -> str:
    claims = verification.claims
    if verification.outcome == Outcome.VALID:
        return _("Valid: this permit was issued by the State Migration Service and is in force.")
    if verification.outcome == Outcome.EXPIRED and claims:
        return _("Expired: this permit is genuine, but it was valid only until %(date)s.") % {
            "date": date_format(claims.valid_to, "DATE_FORMAT")
        }
    if verification.outcome == Outcome.NOT_YET_VALID and claims:
        return _("Not yet valid: this permit is genuine, but it is valid only from %(date)s.") % {
            "date": date_format(claims.valid_from, "DATE_FORMAT")
        }
    if verification.outcome == Outcome.INVALID:
        return _("Not valid: do not accept this permit.")
    return field_error(verification) or _unreadable()


def explanation(verification: Verification) -> str:
    """Why an invalid code is invalid; empty for the other outcomes."""
    if verification.outcome != Outcome.INVALID:
        return ""
    if verification.reason == Reason.UNKNOWN_KEY:
        return _(
            "It is signed with a key (%(key)s) that the State Migration Service has not "
            "published: it was not issued by the Service."
        ) % {"key": verification.key_id or "?"}
    if verification.reason == Reason.UNSUPPORTED:
        return _("It is signed in a way the State Migration Service does not use.")
    return _(
        "Its contents do not match the Service's signature: the code has been altered or "
        "forged since it was issued."
    )


def permit_type_label(code: str) -> str:
    """The document's name for the payload's type code (the lowercased series: trp, wp...)."""
    permit_type = _TYPE_BY_CODE.get(code)
    if permit_type is None:
        return _("Other document (%(code)s)") % {"code": code}
    return str(PermitType(permit_type).label)


# The permit's status in the register now, for the online line.
def online_line(status: str | None) -> str:
    if status is None:
        return _("The Service's register has no permit with this number.")
    messages = {
        "active": lambda: _("The Service's register shows this permit as active."),
        "expired": lambda: _("The Service's register shows this permit as expired."),
        "cancelled": lambda: _(
            "The Service's register shows that this permit has since been cancelled. "
            "Do not accept it."
        ),
        "revoked": lambda: _(
            "The Service's register shows that this permit has since been revoked. "
            "Do not accept it."
        ),
        "replaced": lambda: _(
            "The Service's register shows that this permit has since been replaced by a new "
            "one. Do not accept it: ask for the new permit."
        ),
    }
    message = messages.get(status)
    if message is None:
        return _(
            "The Service's register shows that this permit is no longer active. Do not accept it."
        )
    return message()


def online_not_checked(reason: str) -> str:
    if reason == "rate_limited":
        return _(
            "Not checked online: too many checks from your connection. Wait a quarter of an "
            "hour and try again. The result above does not depend on it."
        )
    return _(
        "Not checked online: the register cannot be reached just now. The result above does "
        "not depend on it."
    )


def birth_date_text(value: str) -> str:
    """Written out in the current language, to the day, the month or the year it is known."""
    try:
        return PartialDate.parse(value).display()
    except ValueError:
        return value


def online_text(online: OnlineStatus | None) -> str:
    if online is None:
        return ""
    if online.checked:
        return online_line(online.status)
    return online_not_checked(online.not_checked_because)


def online_tone(online: OnlineStatus | None) -> str:
    """How the online line should look: all clear, a warning, or just information."""
    if online is None or not online.checked:
        return "info"
    return "success" if online.status == "active" else "error"


def described(verification: Verification, online: OnlineStatus | None = None) -> dict[str, Any]:
    """Everything the page and the API say about a verification and its online line."""
    claims = verification.claims
    return {
        "verification": verification,
        "claims": claims,
        "headline": headline(verification),
        "explanation": explanation(verification),
        "type_label": permit_type_label(claims.permit_type) if claims else "",
        "birth_date": birth_date_text(claims.birth_date) if claims else "",
        "issued_on": timezone.localdate(claims.issued_at) if claims else None,
        "online": online_text(online),
        "online_tone": online_tone(online),
    }
