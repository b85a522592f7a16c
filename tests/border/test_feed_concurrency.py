"""Two runs storing the same page of the feed at the same moment: the cursor's row lock lets
one store it; the other finds the cursor moved and stores nothing.

Real row locks need PostgreSQL; SQLite runs one writer at a time and is covered by the
cursor check in test_feed.py.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from umis.border.feed import FEED, feed_cursor
from umis.border.models import BorderCrossing
from umis.border.services import CursorMoved, border_crossings_store
from umis.exchange import systems

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_runs_at_once_store_a_page_once(reference_data_reloaded, feed_clock):
    page = systems.border().crossings_feed(cursor="", limit=6)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            border_crossings_store(
                crossings=page.crossings,
                source="feed",
                feed=FEED,
                cursor_from="",
                cursor_to=page.next_cursor,
            )
            outcomes.append("stored")
        except CursorMoved:
            outcomes.append("moved")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["moved", "stored"]
    assert BorderCrossing.objects.count() == 6
    assert feed_cursor() == page.next_cursor
