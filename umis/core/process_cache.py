"""Reference data kept in the process for a short while: policy values, districts, the
working calendar.

These tables change a few times a year and every submission reads them, so each process
keeps what it read for a minute instead of asking the database every time. A change saved
through the models in this process is seen at once (saving or deleting a row of a watched
model clears the cache); other processes (the other web workers, the task worker) see it
within ``seconds``. Policy values are dated in advance, so a minute's delay never applies
an old rule to a new day; an edit that must take effect this very second is the rare case
the delay is stated for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

_ALL: list[ProcessCache] = []


class ProcessCache:
    """Values by key, each forgotten ``seconds`` after it was loaded, all of them when a
    row of one of ``models`` ("app_label.ModelName") is saved or deleted."""

    def __init__(self, *, seconds: float, models: tuple[str, ...]) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._values: dict[Hashable, tuple[float, Any]] = {}
        for model in models:
            # dispatch_uid: one receiver per cache and model, however often this runs.
            uid = f"process-cache-{id(self)}-{model}"
            post_save.connect(self._on_change, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(self._on_change, sender=model, weak=False, dispatch_uid=uid)
        _ALL.append(self)

    def get(self, key: Hashable, load: Callable[[], T]) -> T:
        now = time.monotonic()
        with self._lock:
            hit = self._values.get(key)
        if hit is not None and now - hit[0] < self.seconds:
            return hit[1]
        value = load()
        with self._lock:
            self._values[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def _on_change(self, **kwargs: Any) -> None:
        self.clear()


def clear_process_caches() -> None:
    """Forget everything (tests call it between tests; so does a bulk load of policies)."""
    for cache in _ALL:
        cache.clear()
