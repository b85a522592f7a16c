"""Counting requests in a fixed window, in the cache shared by every web process."""

from __future__ import annotations

from django.core.cache import cache


def count_hit(key: str, *, window: int) -> int:
    """Count one more hit on ``key`` and return the count in the current window."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
