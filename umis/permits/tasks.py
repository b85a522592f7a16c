"""The daily expiry of permits, a background task that schedules its own next run.

``expire_permits`` marks the permits past their last valid day expired (the service
``permits_expire``, idempotent), then makes sure the next run is queued for the early
hours of the next day in Asia/Baku. There is only ever one pending copy: scheduling looks
for one under a lock (an advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers) and adds one only when there is none, so a command run by hand, a
second seeding of the demo or two workers finishing at once never multiply the chain.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from umis.core.calendar import SERVICE_TZ

# Ten past midnight: the day before has fully ended in the Service's time zone.
RUN_AT = time(0, 10)
# "umisperm" in ASCII: the advisory-lock key of the scheduling.
SCHEDULE_LOCK_KEY = 0x756D69737065726D


def next_run_after(now: datetime | None = None) -> datetime:
    """The next day's run time in Asia/Baku, as an aware datetime."""
    local = timezone.localtime(now or timezone.now(), SERVICE_TZ)
    return datetime.combine(local.date() + timedelta(days=1), RUN_AT, tzinfo=SERVICE_TZ)


def _pending():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=expire_permits.module_path, status="READY"
    ).order_by("run_after", "enqueued_at")


@transaction.atomic
def schedule_expiry(*, run_after: datetime | None = None) -> bool:
    """Queue the expiry for ``run_after`` (default: the next day) unless a copy is pending.

    Returns True when a run was queued. When a copy is already pending and an earlier run
    is asked for, the pending copy is moved earlier instead.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCHEDULE_LOCK_KEY])
    when = run_after or next_run_after()
    pending = list(_pending())
    if pending:
        first, extra = pending[0], pending[1:]
        for copy in extra:  # left by an older version or a manual enqueue
            copy.delete()
        if run_after is not None and first.run_after > when:
            first.run_after = when
            first.save(update_fields=["run_after"])
        return False
    expire_permits.using(run_after=when).enqueue()
    return True


@task()
def expire_permits() -> int:
    from umis.permits.services import permits_expire

    try:
        return permits_expire()
    finally:
        # Tomorrow's run is queued even if today's failed half-way: it picks up the rest.
        schedule_expiry()
