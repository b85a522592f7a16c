"""Counting hits in a fixed window."""

import socket
import uuid

import pytest
import redis
from django.core.cache import cache, caches
from django.test import override_settings

from umis.core import ratelimit
from umis.core.ratelimit import count_hit, count_hits


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


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture()
def redis_cache():
    if not _redis_up():
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=shared):
        yield caches["default"]
        caches["default"].delete_many(["a", "b", "k"])


def test_in_redis_each_key_counts_in_its_own_window_in_one_round_trip(redis_cache, monkeypatch):
    sent = []
    real_execute = redis.client.Pipeline.execute

    def execute(pipe, *args, **kwargs):
        sent.append(len(pipe.command_stack))
        return real_execute(pipe, *args, **kwargs)

    monkeypatch.setattr(redis.client.Pipeline, "execute", execute)
    assert count_hits(["a", "b"], window=60) == [1, 1]
    assert count_hits(["a", "b"], window=60) == [2, 2]
    assert count_hits(["a"], window=60) == [3]
    assert len(sent) == 3  # one round trip per call, however many keys
    # The count is the cache's own: Django reads it, and the window runs out on time.
    assert redis_cache.get("a") == 3
    client = ratelimit._shared_client()
    assert 0 < client.ttl(redis_cache.make_and_validate_key("a")) <= 60


def test_in_redis_a_new_window_starts_again_at_one(redis_cache):
    assert [count_hit("k", window=60) for _ in range(3)] == [1, 2, 3]
    redis_cache.delete("k")  # the window ran out
    assert count_hit("k", window=60) == 1
