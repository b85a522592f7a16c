"""The periodic pull of the border feed: a task that queues its own next run.

Like the nightly expiry of permits, there is only ever one pending copy: the next run is
queued under a lock (an advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers) only when none is pending, so a pull run by hand, a second seeding of
the demo or two workers never multiply the chain. The next run is queued even when this
one failed (the border system down): it asks again from the same cursor.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# "umisbrdr" in ASCII: the advisory-lock key of the scheduling.
SCHEDULE_LOCK_KEY = 0x756D697362726472


def _pending():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=pull_border_feed.module_path, status="READY"
    ).order_by("run_after", "enqueued_at")


@transaction.atomic
def schedule_feed_pull(*, run_after: datetime | None = None) -> bool:
    """Queue the next pull (default: one interval from now) unless one is pending."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCHEDULE_LOCK_KEY])
    when = run_after or timezone.now() + timedelta(
        seconds=settings.UMIS_BORDER_FEED_INTERVAL_SECONDS
    )
    pending = list(_pending())
    if pending:
        first, extra = pending[0], pending[1:]
        for copy in extra:
            copy.delete()
        if run_after is not None and first.run_after and first.run_after > when:
            first.run_after = when
            first.save(update_fields=["run_after"])
        return False
    pull_border_feed.using(run_after=when).enqueue()
    return True


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
