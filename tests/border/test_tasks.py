"""The periodic pull: a task that queues its next run, one pending copy at most, and keeps
the chain going when the border system is down."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from umis.border.models import BorderCrossing
from umis.border.tasks import pull_border_feed, schedule_feed_pull

pytestmark = pytest.mark.django_db


def pending():
    return DBTaskResult.objects.filter(task_path=pull_border_feed.module_path, status="READY")


def test_one_pending_pull_at_most():
    assert schedule_feed_pull() is True
    assert schedule_feed_pull() is False
    assert pending().count() == 1

    soon = timezone.now() + timedelta(seconds=5)
    assert schedule_feed_pull(run_after=soon) is False
    assert pending().get().run_after == soon


def test_a_run_pulls_and_queues_the_next(feed_clock, districts, settings):
    settings.UMIS_BORDER_FEED_INTERVAL_SECONDS = 300
    before = timezone.now()

    assert pull_border_feed.call() == 18

    assert BorderCrossing.objects.count() == 18
    queued = pending().get()
    assert queued.run_after >= before + timedelta(seconds=300)


def test_a_run_while_the_border_system_is_down_still_queues_the_next(districts, monkeypatch):
    from umis.exchange.simulators import border_feed
    from umis.exchange.simulators.base import down

    monkeypatch.setattr(border_feed, "feed_page", lambda *a, **k: down().data)
    monkeypatch.setattr("umis.exchange.simulators.border_feed.Reply", lambda data: down())

    assert pull_border_feed.call() == 0
    assert BorderCrossing.objects.count() == 0
    assert pending().count() == 1
