"""Replay protection of a simulated member: each message id is answered once.

A real X-Road member refuses a request whose message id it has already processed: a copy
of a signed request, sent again by someone who caught it, must not act twice (a payment
confirmed twice, a look-up made in another's name). The ids are remembered in
``SimulatorSeenMessage`` for ``SEEN_RETENTION``, much longer than the clock skew a request
may have (``base.MAX_SKEW_SECONDS``): a copy older than that is refused for its time, so
forgetting its id then opens nothing. The store stays bounded: older ids are deleted as
new ones arrive.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from umis.exchange.models import SimulatorSeenMessage

SEEN_RETENTION = timedelta(days=1)


def message_first_seen(*, system: str, message_id: str) -> bool:
    """Remember the id; False when this system had already seen it (a replay)."""
    now = timezone.now()
    try:
        # The unique constraint decides, so two copies racing in are never both new.
        with transaction.atomic():
            SimulatorSeenMessage.objects.create(
                system=system, message_id=message_id[:64], seen_at=now
            )
    except IntegrityError:
        return False
    SimulatorSeenMessage.objects.filter(seen_at__lt=now - SEEN_RETENTION).delete()
    return True
