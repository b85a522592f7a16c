"""Counting hits in a fixed window."""

import pytest
from django.core.cache import cache

from umis.core import ratelimit
from umis.core.ratelimit import count_hit


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_hits_are_counted_from_one_within_a_window():
    assert [count_hit("k", window=60) for _ in range(4)] == [1, 2, 3, 4]
    assert count_hit("other", window=60) == 1


def test_a_new_window_starts_again_at_one():
    count_hit("k", window=60)
    count_hit("k", window=60)
    cache.delete("k")  # the window ran out
    assert count_hit("k", window=60) == 1


def test_two_requests_starting_a_window_at_once_count_two(monkeypatch):
    real_add = cache.add

    def another_request_adds_first(key, value, timeout):
        real_add(key, 1, timeout)  # the other request's first hit lands in between
        return real_add(key, value, timeout)

    monkeypatch.setattr(ratelimit.cache, "add", another_request_adds_first)
    assert count_hit("k", window=60) == 2
