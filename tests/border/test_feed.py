"""Pulling the border feed: every crossing stored exactly once, the cursor moved only with
the batch it ends, whatever dies or runs twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from umis.border.feed import FEED, border_feed_pull, feed_cursor
from umis.border.models import BorderCrossing, FeedCursor
from umis.border.services import CursorMoved, border_crossings_store
from umis.exchange import systems
from umis.exchange.models import ExchangeMessage
from umis.exchange.simulators import border_feed
from umis.people.demo import DEMO_PERSONS, DEMO_SEED, demo_person_specs

pytestmark = pytest.mark.django_db


def stored_ids():
    return sorted(BorderCrossing.objects.values_list("crossing_id", flat=True))


def test_pulling_twice_stores_nothing_twice_and_moves_the_cursor(feed_clock, districts):
    first = border_feed_pull(page_size=5)

    assert first.stored == 18  # three hours kept, six crossings an hour, in pages of five
    ids = stored_ids()
    assert len(ids) == len(set(ids)) == 18
    assert feed_cursor() == f"bx1-{int(ids[-1][2:])}"

    again = border_feed_pull(page_size=5)
    assert again.stored == 0
    assert stored_ids() == ids

    feed_clock.advance(hours=1)
    later = border_feed_pull(page_size=5)
    assert later.stored == 6
    assert stored_ids()[:18] == ids
    assert len(set(stored_ids())) == 24
    assert ExchangeMessage.objects.filter(operation="crossings/feed", outcome="ok").exists()


def test_a_run_dying_between_storing_and_moving_the_cursor_loses_nothing(
    feed_clock, districts, monkeypatch
):
    real_save = FeedCursor.save
    calls = {"n": 0}

    def dies_on_the_second_batch(self, *args, **kwargs):
        calls["n"] += "cursor" in (kwargs.get("update_fields") or ())
        if calls["n"] == 2:
            raise RuntimeError("the worker died")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(FeedCursor, "save", dies_on_the_second_batch)
    with pytest.raises(RuntimeError):
        border_feed_pull(page_size=5)

    # The first page is kept with its cursor; the second is not kept at all.
    assert len(stored_ids()) == 5
    assert feed_cursor() == f"bx1-{int(stored_ids()[-1][2:])}"

    monkeypatch.setattr(FeedCursor, "save", real_save)
    border_feed_pull(page_size=5)
    ids = stored_ids()
    assert len(ids) == len(set(ids)) == 18


def test_a_second_run_asking_from_the_same_cursor_stores_nothing(feed_clock, districts):
    page = systems.border().crossings_feed(cursor="", limit=5)
    store = {
        "crossings": page.crossings,
        "source": "feed",
        "feed": FEED,
        "cursor_from": "",
        "cursor_to": page.next_cursor,
    }
    assert border_crossings_store(**store).stored == 5

    with pytest.raises(CursorMoved):
        border_crossings_store(**store)  # the slower of two runs, with the same page
    assert len(stored_ids()) == 5
    assert feed_cursor() == page.next_cursor


def test_the_feed_is_deterministic_and_grows_with_time(feed_clock):
    now = feed_clock.now
    page = border_feed.feed_page("", 500, now=now)
    assert page == border_feed.feed_page("", 500, now=now)
    assert not page["more"]
    times = [c["occurred_at"] for c in page["crossings"]]
    assert times == sorted(times) and len(times) == 18

    part = border_feed.feed_page("", 7, now=now)
    rest = border_feed.feed_page(part["next_cursor"], 500, now=now)
    assert part["more"]
    assert part["crossings"] + rest["crossings"] == page["crossings"]

    later = border_feed.feed_page(page["next_cursor"], 500, now=now.replace(hour=now.hour + 2))
    assert len(later["crossings"]) == 12
    assert later["crossings"][0]["crossing_id"] > page["crossings"][-1]["crossing_id"]


def test_the_travellers_are_the_demo_population_visitors_and_the_restrictions_list():
    known = {spec.document_number for spec in demo_person_specs(count=DEMO_PERSONS, seed=DEMO_SEED)}
    watched = {t[5] for t in border_feed.WATCHED_TRAVELLERS}
    crossings = [border_feed.crossing(n) for n in range(400)]
    numbers = [c["document_number"] for c in crossings]

    assert 150 < sum(n in known for n in numbers) < 250
    assert 0 < sum(n in watched for n in numbers) < 40
    assert sum(n not in known and n not in watched for n in numbers) > 100
    assert {c["point_kind"] for c in crossings} == {"air", "land", "sea"}
    assert {c["direction"] for c in crossings} == {"in", "out"}


def test_the_feed_refuses_a_cursor_it_did_not_give(feed_clock):
    from umis.exchange.client import SystemRefused

    with pytest.raises(SystemRefused):
        systems.border().crossings_feed(cursor="somewhere", limit=5)


def test_the_command_pulls_once(feed_clock, districts, capsys):
    call_command("border_feed_pull")
    assert "18" in capsys.readouterr().out
    assert BorderCrossing.objects.count() == 18
