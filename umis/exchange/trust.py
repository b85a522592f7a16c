"""Whether a signed envelope can be trusted: the member and key known to the trust
registry, the signature verifying over the envelope's canonical form, the signed time near
ours. One judgement for the answers UMIS receives to its own requests (``client``) and for
the messages other members push to UMIS (``inbound``)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from umis.exchange.envelope import parse_timestamp, verifies
from umis.exchange.members import UnknownKey, UnknownMember, public_key
from umis.exchange.models import RejectionReason


def signature_problem(
    *, member: str, key_id: str, canonical: bytes, signature: str
) -> tuple[str, str] | None:
    """Why ``signature`` cannot be trusted as ``member``'s (a ``RejectionReason`` and a
    detail for the log), or None when it verifies under a key the registry holds."""
    try:
        key = public_key(member, key_id)
    except UnknownMember:
        return RejectionReason.UNKNOWN_MEMBER, member
    except UnknownKey:
        return RejectionReason.UNKNOWN_KEY, f"{member} {key_id}"
    if not verifies(key, canonical, signature):
        return RejectionReason.BAD_SIGNATURE, "signature"
    return None


def too_far(stamp: str) -> bool:
    """A signed time further from ours than the allowed skew (or not a time at all)."""
    when = parse_timestamp(stamp)
    if when is None:
        return True
    skew = abs((timezone.now() - when).total_seconds())
    return skew > settings.UMIS_EXCHANGE_MAX_SKEW_SECONDS
