"""The task queue: django-tasks' database backend, its rows written as cheaply as we can.

A status change queues its tasks in the transaction that makes it (the table is the
outbox). The library writes each row with ``Model.objects.create`` and builds the task's
result object twice (once for the ``task_enqueued`` signal, once to return). Here the row
is written with the transaction's audit entries (in their round trip on PostgreSQL; no
worker can see it before the commit anyway) and the result is built once. The rows, the
signal and the worker are the library's own.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import normalize_json, task_enqueued

from umis.audit.services import rows_insert_with_entries


class TaskBackend(DatabaseBackend):
    def _task_to_db_task(self, task: Any, args: Any, kwargs: Any) -> Any:
        from django_tasks_db.models import DBTaskResult

        row = DBTaskResult(
            id=self._get_id(),
            args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after,
            backend_name=self.alias,
        )
        # No worker can see the row before the commit: it travels with the audit entries.
        rows_insert_with_entries([row])
        return row

    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        self.validate_task(task)
        result = self._task_to_db_task(task, args, kwargs).task_result
        task_enqueued.send(type(self), task_result=result)
        return result
