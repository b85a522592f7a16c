"""Group commit: small writes of many requests committed together, each request waiting
for its own to be durable.

A public check (a share code, a permit's online status) must leave its record and its
audit entry before the answer goes out. One transaction per check means one commit and
one turn at the audit chain's lock per check, and under load the checks queue for that
lock. Here each web process has one writer thread: a request hands it the write and
waits; the writer takes every write waiting at that moment and commits them in one
transaction (one lock, one commit), then wakes each request with its own result. Nothing
is answered before it is committed, so nothing answered can be lost.

If a batch fails, each write in it is retried alone, so one bad write fails only its own
request. The writes must therefore be safe to run again after a rollback (build rows
inside the function, not before it).

``settings.UMIS_GROUP_COMMIT`` turns the writer off (the tests do, since their database
is one transaction that another thread cannot see): the write then runs in the caller's
thread, in a transaction of its own, exactly as the writer would run it.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")
MAX_BATCH = 128
WAIT_SECONDS = 30.0


class GroupCommitTimeout(DatabaseError):
    """The writer did not commit in time (the database is unreachable or stuck)."""


@dataclass
class _Write(Generic[T]):
    work: Callable[[], T]
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None


_STOP = object()  # put in the queue: the writer closes its connection and ends


class GroupCommit:
    _instances: weakref.WeakSet[GroupCommit] = weakref.WeakSet()

    def __init__(
        self,
        name: str,
        *,
        block: Callable[[], AbstractContextManager[Any]] = transaction.atomic,
    ) -> None:
        """``block`` opens the transaction a batch runs in (e.g. an audited block)."""
        self.name = name
        self._block = block
        self._queue: queue.SimpleQueue[_Write[Any]] = queue.SimpleQueue()
        self._started_in: int | None = None
        self._start_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        GroupCommit._instances.add(self)

    @classmethod
    def stop_all(cls) -> None:
        """End every writer thread of this process, closing its database connection
        (tests, before their database is dropped)."""
        for committer in list(cls._instances):
            committer.stop()

    def stop(self) -> None:
        with self._start_lock:
            thread, self._thread, self._started_in = self._thread, None, None
            if thread is not None and thread.is_alive():
                self._queue.put(_STOP)  # type: ignore[arg-type]
                thread.join(WAIT_SECONDS)

    def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` in a committed transaction and return what it returned."""
        if not getattr(settings, "UMIS_GROUP_COMMIT", True):
            with self._block():
                return work()
        write: _Write[T] = _Write(work)
        self._ensure_writer()
        self._queue.put(write)
        if not write.done.wait(WAIT_SECONDS):
            raise GroupCommitTimeout(f"{self.name}: not committed in {WAIT_SECONDS:.0f} s")
        if write.error is not None:
            raise write.error
        return write.result

    def _ensure_writer(self) -> None:
        # A forked worker inherits the object but not the thread: start one per process.
        if self._started_in == os.getpid():
            return
        with self._start_lock:
            if self._started_in != os.getpid():
                self._queue = queue.SimpleQueue()
                thread = threading.Thread(
                    target=self._serve, name=f"group-commit-{self.name}", daemon=True
                )
                thread.start()
                self._thread, self._started_in = thread, os.getpid()

    def _serve(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stopping = _STOP in batch
            batch = [write for write in batch if write is not _STOP]
            if batch:
                self._commit(batch)
            if stopping:
                connection.close()
                return

    def _commit(self, batch: list[_Write[Any]]) -> None:
        close_old_connections()  # a connection the database dropped is replaced
        try:
            with self._block():
                results = [write.work() for write in batch]
        except Exception:
            if len(batch) > 1:
                logger.warning("%s: a batch of %d failed; each alone", self.name, len(batch))
            for write in batch:
                self._commit_alone(write)
            return
        for write, result in zip(batch, results, strict=True):
            write.result = result
            write.done.set()

    def _commit_alone(self, write: _Write[Any]) -> None:
        try:
            with self._block():
                write.result = write.work()
        except Exception as exc:  # handed to the request that asked, raised there
            write.error = exc
        finally:
            write.done.set()
