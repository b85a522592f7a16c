"""The daily expiry of permits, a background task that schedules its own next run.

``expire_permits`` marks the permits past their last valid day expired (the service
``permits_expire``, idempotent), then makes sure the next run is queued for the early
hours of the next day in Asia/Baku, with only ever one pending copy
(``umis.core.periodic.schedule_once``).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from umis.core.calendar import SERVICE_TZ
from umis.core.periodic import schedule_once

# Ten past midnight: the day before has fully ended in the Service's time zone.
RUN_AT = time(0, 10)
# "umisperm" in ASCII: the advisory-lock key of the scheduling.
SCHEDULE_LOCK_KEY = 0x756D69737065726D


def next_run_after(now: datetime | None = None) -> datetime:
    """The next day's run time in Asia/Baku, as an aware datetime."""
    local = timezone.localtime(now or timezone.now(), SERVICE_TZ)
    return datetime.combine(local.date() + timedelta(days=1), RUN_AT, tzinfo=SERVICE_TZ)


def schedule_expiry(*, run_after: datetime | None = None) -> bool:
    """Queue the expiry for ``run_after`` (default: the next day) unless a copy is pending.

    Returns True when a run was queued. When a copy is already pending and an earlier run
    is asked for, the pending copy is moved earlier instead.
    """
    return schedule_once(
        expire_permits,
        when=run_after or next_run_after(),
        lock_key=SCHEDULE_LOCK_KEY,
        earlier=run_after is not None,
    )


@task()
def expire_permits() -> int:
    from umis.permits.services import permits_expire

    try:
        return permits_expire()
    finally:
        # Tomorrow's run is queued even if today's failed half-way: it picks up the rest.
        schedule_expiry()


@task()
def make_permit_photo(permit_id: int) -> bool:
    """The permit's photograph from its application's upload (``umis.permits.photos``)."""
    from umis.permits.photos import permit_photo_make

    return permit_photo_make(permit_id=permit_id)
