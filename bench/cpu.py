"""CPU time spent per request, by who spent it: the load generator, the web server, the
database.

A ratio of requests per second says how far apart two operations are, not why. When every
core is busy, the rate is the cores divided by the CPU time one request costs in all
processes together, so the split below explains the ratio: it shows what a request costs
in the web server's Python against what it costs in PostgreSQL and in the client.

Read from ``/proc`` (Linux); elsewhere nothing is reported. The database's share counts
every ``postgres`` process of the machine, so another database's work in the same window
would count too: the benchmark machine runs nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

_PROC = Path("/proc")
WHO = ("client", "web server", "database")


def available() -> bool:
    return (_PROC / "self" / "stat").exists()


def _cpu_seconds(stat: str) -> float:
    # Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Snapshot = dict[int, tuple[str, float]]  # process id -> (who, CPU seconds so far)


def snapshot(port: int) -> Snapshot:
    """CPU seconds so far of this process, of the web server listening on ``port`` (the
    processes started with its ``--bind``) and of every PostgreSQL process, by process."""
    found: Snapshot = {}
    if not available():
        return found
    bind = f"--bind=127.0.0.1:{port}".encode()
    me = os.getpid()
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            name = (entry / "comm").read_text().strip()
            command = (entry / "cmdline").read_bytes() if name != "postgres" else b""
        except OSError:  # the process ended meanwhile
            continue
        pid = int(entry.name)
        if pid == me:
            found[pid] = ("client", _cpu_seconds(stat))
        elif name == "postgres":
            found[pid] = ("database", _cpu_seconds(stat))
        elif bind in command.split(b"\0"):
            found[pid] = ("web server", _cpu_seconds(stat))
    return found


def spent_between(before: Snapshot, after: Snapshot) -> dict[str, float]:
    """CPU seconds spent between two snapshots, by who. A process that started meanwhile
    counts whole; one that ended meanwhile is missing (a connection closed in the window
    is undercounted, never subtracted)."""
    spent = dict.fromkeys(WHO, 0.0)
    for pid, (who, seconds) in after.items():
        spent[who] += seconds - before.get(pid, (who, 0.0))[1]
    return spent


@dataclass
class CpuPerRequest:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(WHO, 0.0))
    requests: int = 0

    def add(self, spent: dict[str, float], requests: int) -> None:
        for who in WHO:
            self.seconds[who] += spent[who]
        self.requests += requests

    def ms(self) -> dict[str, float]:
        """Milliseconds per request by who spent them, and their total."""
        if not self.requests:
            return {}
        split = {who: self.seconds[who] * 1000 / self.requests for who in WHO}
        return {**split, "total": sum(split.values())}
