"""The writer thread that commits the public checks' records in groups.

These tests need a committed database (the writer's connection is its own), hence
``transactional_db``.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest
from django.db import transaction

from umis.accounts.models import Department
from umis.core.group_commit import GroupCommit


@pytest.fixture
def writer_on(settings):
    settings.UMIS_GROUP_COMMIT = True


class CountingBlock:
    def __init__(self) -> None:
        self.opened = 0

    @contextmanager
    def __call__(self):
        self.opened += 1
        with transaction.atomic():
            yield


def _department(code: str, pause: float = 0.0):
    def write():
        if pause:
            time.sleep(pause)
        return Department.objects.create(code=code, kind="regional", name_en=code).code

    return write


def _in_threads(committer: GroupCommit, writes: list) -> list:
    results: list = [None] * len(writes)

    def call(index: int) -> None:
        try:
            results[index] = committer.run(writes[index])
        except Exception as exc:  # the caller's own failure, kept to assert on
            results[index] = exc

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(writes))]
    threads[0].start()
    time.sleep(0.05)  # the first write holds the writer; the others queue behind it
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(10)
    return results


@pytest.mark.django_db(transaction=True)
def test_waiting_writes_commit_together_and_each_caller_gets_its_own_result(writer_on):
    block = CountingBlock()
    committer = GroupCommit("test", block=block)
    writes = [_department("gc-0", pause=0.3)] + [_department(f"gc-{i}") for i in range(1, 12)]
    results = _in_threads(committer, writes)
    assert results == [f"gc-{i}" for i in range(12)]
    assert Department.objects.filter(code__startswith="gc-").count() == 12
    assert block.opened < 12  # grouped: the eleven that queued shared transactions


@pytest.mark.django_db(transaction=True)
def test_a_failing_write_fails_only_its_own_caller(writer_on):
    committer = GroupCommit("test")

    def broken():
        Department.objects.create(code="gc-broken", kind="regional", name_en="x")
        raise ValueError("this write is wrong")

    writes = [_department("gc-a", pause=0.3), _department("gc-b"), broken, _department("gc-c")]
    results = _in_threads(committer, writes)
    assert results[:2] == ["gc-a", "gc-b"] and results[3] == "gc-c"
    assert isinstance(results[2], ValueError)
    assert not Department.objects.filter(code="gc-broken").exists()
    assert Department.objects.filter(code__in=["gc-a", "gc-b", "gc-c"]).count() == 3


@pytest.mark.django_db
def test_switched_off_the_write_runs_in_the_callers_thread(settings):
    settings.UMIS_GROUP_COMMIT = False
    seen = []
    committer = GroupCommit("test")
    assert committer.run(lambda: seen.append(threading.current_thread()) or "done") == "done"
    assert seen == [threading.current_thread()]
