"""Load generation with Python threads, and the statistics every benchmark reports.

Each thread is one client with its own keep-alive connection; the server is another
process, so the threads mostly wait on sockets and the GIL is not what is measured.
"""

from __future__ import annotations

import math
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# One call = one operation; returns True when it succeeded (e.g. the expected HTTP status).
Operation = Callable[[], bool]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


@dataclass
class LoadResult:
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else math.nan

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies_ms, 95)

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies_ms, 50)


def run_concurrent(operations: list[Operation], seconds: float) -> LoadResult:
    """Run each operation in a loop on its own thread, starting new ones for ``seconds``.

    Every operation started inside the window counts, and the rate is completions over
    the time until the last of them finished: a closed loop, so a run shorter than one
    operation still reports an honest (low) rate instead of nothing.
    """
    result = LoadResult()
    lock = threading.Lock()
    start_gate = threading.Barrier(len(operations) + 1)
    window: dict[str, float] = {}
    finished: list[float] = []

    def loop(operation: Operation) -> None:
        mine: list[float] = []
        ok = errors = 0
        ended = 0.0
        start_gate.wait()
        while time.perf_counter() < window["deadline"]:
            began = time.perf_counter()
            succeeded = operation()
            ended = time.perf_counter()
            if succeeded:
                ok += 1
                mine.append((ended - began) * 1000)
            else:
                errors += 1
        with lock:
            result.ok += ok
            result.errors += errors
            result.latencies_ms.extend(mine)
            finished.append(ended)

    threads = [threading.Thread(target=loop, args=(op,), daemon=True) for op in operations]
    for thread in threads:
        thread.start()
    window["start"] = time.perf_counter()
    window["deadline"] = window["start"] + seconds
    start_gate.wait()
    for thread in threads:
        thread.join()
    result.seconds = max(finished) - window["start"]
    return result


def run_sequential(operation: Operation, count: int) -> LoadResult:
    """``count`` operations one after another (one user waiting for each answer)."""
    result = LoadResult()
    began_all = time.perf_counter()
    for _ in range(count):
        began = time.perf_counter()
        succeeded = operation()
        elapsed = (time.perf_counter() - began) * 1000
        if succeeded:
            result.ok += 1
            result.latencies_ms.append(elapsed)
        else:
            result.errors += 1
    result.seconds = time.perf_counter() - began_all
    return result


def summarise(runs: list[LoadResult]) -> dict:
    """Each repetition's figures, for a benchmark's JSON details."""
    return {
        "per_second": [round(r.per_second, 2) for r in runs],
        "p50_ms": [round(r.p50_ms, 2) for r in runs],
        "p95_ms": [round(r.p95_ms, 2) for r in runs],
        "ok": [r.ok for r in runs],
        "errors": [r.errors for r in runs],
    }
