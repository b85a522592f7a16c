"""The task queue's rows: as the library writes them, and run by its worker."""

import pytest
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.cases.checks_helpers import keep_test_connection, run_worker
from umis.core.tasks_backend import TaskBackend
from umis.notifications.tasks import send_status_email

pytestmark = pytest.mark.django_db


def test_the_configured_backend_is_ours():
    assert isinstance(task_backends["default"], TaskBackend)


def test_an_enqueued_task_is_a_ready_row_with_its_arguments():
    result = send_status_email.enqueue(12345)
    assert result.status == TaskResultStatus.READY
    assert result.args == [12345] and result.kwargs == {}
    row = DBTaskResult.objects.get(id=result.id)
    assert (row.status, row.args_kwargs, row.backend_name) == (
        "READY",
        {"args": [12345], "kwargs": {}},
        "default",
    )
    assert row.task_path == send_status_email.module_path
    # The library's own pre_save receiver ran: "no time given" is stored as the latest date.
    assert row.run_after == get_date_max()
    assert row.enqueued_at is not None


def test_the_worker_runs_a_row_we_wrote(monkeypatch):
    keep_test_connection(monkeypatch)
    result = send_status_email.enqueue(987654321)  # no such notification: nothing to send
    run_worker()
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status in {"SUCCESSFUL", "FAILED"}, row.status
    assert row.finished_at is not None
