"""The periodic pull of the border feed: a task that queues its own next run.

Like the nightly expiry of permits, there is only ever one pending copy
(``umis.core.periodic.schedule_once``). The next run is queued even when this
one failed (the border system down): it asks again from the same cursor.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from umis.core.periodic import schedule_once

logger = logging.getLogger(__name__)

# "umisbrdr" in ASCII: the advisory-lock key of the scheduling.
SCHEDULE_LOCK_KEY = 0x756D697362726472


def schedule_feed_pull(*, run_after: datetime | None = None) -> bool:
    """Queue the next pull (default: one interval from now) unless one is pending."""
    interval = timedelta(seconds=settings.UMIS_BORDER_FEED_INTERVAL_SECONDS)
    return schedule_once(
        pull_border_feed,
        when=run_after or timezone.now() + interval,
        lock_key=SCHEDULE_LOCK_KEY,
        earlier=run_after is not None,
    )


@task()
def pull_border_feed() -> int:
    from umis.border.feed import border_feed_pull
    from umis.exchange.client import ExchangeError

    try:
        return border_feed_pull().stored
    except ExchangeError as exc:
        logger.warning("Border feed not pulled: %s", exc)
        return 0
    finally:
        schedule_feed_pull()
