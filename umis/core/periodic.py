"""A background task that queues its own next run, with only ever one pending copy.

Scheduling looks for a pending copy under a lock (an advisory lock on PostgreSQL; SQLite's
IMMEDIATE transactions serialise writers) and adds one only when there is none, so a
command run by hand, a second seeding of the demo or two workers finishing at once never
multiply the chain. Extra copies (left by an older version or a manual enqueue) go.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection, transaction


@transaction.atomic
def schedule_once(task: Any, *, when: datetime, lock_key: int, earlier: bool = False) -> bool:
    """Queue ``task`` to run at ``when`` unless a copy is pending; True when one was queued.

    With ``earlier``, a pending copy due later than ``when`` is moved to ``when``.
    """
    from django_tasks_db.models import DBTaskResult

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key])
    pending = list(
        DBTaskResult.objects.filter(task_path=task.module_path, status="READY").order_by(
            "run_after", "enqueued_at"
        )
    )
    if not pending:
        task.using(run_after=when).enqueue()
        return True
    first, extra = pending[0], pending[1:]
    for copy in extra:
        copy.delete()
    if earlier and first.run_after and first.run_after > when:
        first.run_after = when
        first.save(update_fields=["run_after"])
    return False
