"""Counting requests in a fixed window, in the cache shared by every web process."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


def count_hit(key: str, *, window: int) -> int:
    """Count one more hit on ``key`` and return the count in the current window."""
    return count_hits([key], window=window)[0]


def count_hits(keys: Sequence[str], *, window: int) -> list[int]:
    """Count one more hit on each of ``keys`` and return each count in its window.

    The window starts with a key's first hit. In Redis every key's count is set up and
    incremented in one round trip, whatever the number of keys: a public check counts an
    address and a subject on every request, before anything else is done.
    """
    client = _shared_client()
    if client is None:
        return [_count_in_process(key, window) for key in keys]
    pipe = client.pipeline(transaction=False)
    for key in keys:
        stored = cache.make_and_validate_key(key)
        pipe.set(stored, 0, ex=window, nx=True)  # a new window, if none is running
        pipe.incr(stored)  # keeps the window's expiry
    return pipe.execute()[1::2]


def _count_in_process(key: str, window: int) -> int:
    # Most hits find the count there already, so they are one increment; only the first
    # of a window also adds it.
    try:
        return cache.incr(key)
    except ValueError:  # no count yet in this window
        if cache.add(key, 1, timeout=window):
            return 1
        return cache.incr(key)  # another request started the window meanwhile


def _shared_client() -> Any:
    """The Redis client of the cache itself (its pool, its server, its options), or None
    when the cache is not Redis. Django keeps it on the backend's ``_cache``; counting
    through it needs commands the cache API lacks (a pipeline, SET NX with an expiry)."""
    backend = caches["default"]  # ``cache`` is only a proxy to it
    if not isinstance(backend, RedisCache):
        return None
    return backend._cache.get_client(write=True)


def over_public_limits(
    scope: str,
    *,
    address: str,
    subject: str,
    per_address: tuple[str, int],
    per_subject: tuple[str, int],
    window: tuple[str, int],
) -> bool:
    """Count one public look-up from ``address`` about ``subject`` (a number, a code, a
    document) and say whether either count is past its limit in the window.

    Each limit is a setting's name with its default. The subject is kept only as a digest,
    so that the cache never holds a document number or an application number.
    """
    seconds = int(getattr(settings, window[0], window[1]))
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    by_address, by_subject = count_hits(
        [f"umis:{scope}:address:{address or '-'}", f"umis:{scope}:subject:{digest}"],
        window=seconds,
    )
    return by_address > int(getattr(settings, per_address[0], per_address[1])) or (
        by_subject > int(getattr(settings, per_subject[0], per_subject[1]))
    )
