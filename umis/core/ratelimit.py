"""Counting requests in a fixed window, in the cache shared by every web process."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def count_hit(key: str, *, window: int) -> int:
    """Count one more hit on ``key`` and return the count in the current window.

    The window starts with its first hit. Most hits find the count there already, so
    they are one increment; only the first of a window also adds it.
    """
    try:
        return cache.incr(key)
    except ValueError:  # no count yet in this window
        if cache.add(key, 1, timeout=window):
            return 1
        return cache.incr(key)  # another request started the window meanwhile


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
    by_address = count_hit(f"umis:{scope}:address:{address or '-'}", window=seconds)
    by_subject = count_hit(f"umis:{scope}:subject:{digest}", window=seconds)
    return by_address > int(getattr(settings, per_address[0], per_address[1])) or (
        by_subject > int(getattr(settings, per_subject[0], per_subject[1]))
    )
