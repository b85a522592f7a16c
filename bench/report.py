"""The table every benchmark prints and the JSON it writes under bench/results/.

A row compares ours with a baseline measured in the same run: ``ratio = ours / baseline``
and the goal is a bound on that ratio (``>= 0.25`` or ``<= 5``). Rows without a goal are
reported for information (p95 latencies, diagnostics).
"""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass
class Row:
    name: str
    unit: str
    ours: float
    baseline: float
    goal: str = ""  # ">= 0.25", "<= 5", "== 1" or "" for information only

    @property
    def ratio(self) -> float:
        if not self.baseline or math.isnan(self.baseline) or math.isnan(self.ours):
            return math.nan
        return self.ours / self.baseline

    @property
    def holds(self) -> bool | None:
        if not self.goal:
            return None
        op, bound = self.goal.split()
        ratio = self.ratio
        if math.isnan(ratio):
            return False
        return {
            ">=": ratio >= float(bound),
            "<=": ratio <= float(bound),
            "==": ratio == float(bound),
        }[op]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": _finite(self.ratio), "holds": self.holds}


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(value, 4)


def _fmt(value: float) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def table(rows: list[Row]) -> str:
    header = ["name", "ours", "baseline", "ratio", "goal", "holds?"]
    lines = [
        [
            f"{row.name} ({row.unit})",
            _fmt(row.ours),
            _fmt(row.baseline),
            _fmt(row.ratio),
            row.goal or "(info)",
            {True: "yes", False: "NO", None: "-"}[row.holds],
        ]
        for row in rows
    ]
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]

    def render(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(header), rule, *(render(line) for line in lines)])


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH, no input
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


@dataclass
class Report:
    benchmark: str
    parameters: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                # A shared machine: how busy it was when the run ended (1, 5, 15 min).
                "load_average": [round(x, 2) for x in os.getloadavg()],
                "python": platform.python_version(),
                "platform": platform.platform(terse=True),
            },
            "commit": _git_commit(),
            "parameters": self.parameters,
            "rows": [row.as_dict() for row in self.rows],
            "details": self.details,
            "notes": self.notes,
        }

    def write(self, directory: Path | None = None, *, stem: str | None = None) -> Path:
        directory = directory or RESULTS_DIR
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{stem or self.benchmark}.json"
        path.write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return path

    def print(self) -> None:
        print(f"\n{self.benchmark}: {json.dumps(self.parameters, ensure_ascii=False)}")
        print(table(self.rows))
        for note in self.notes:
            print(f"  note: {note}")


def run_from_command_line(run, *, doc: str, stem: str, argv: list[str] | None = None) -> None:
    """The command line of a benchmark that takes --smoke, --results-dir and --keep:
    ``run(smoke=, results_dir=, keep=)`` returns its Report, printed and written."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    parser.add_argument("--results-dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv)
    report = run(smoke=args.smoke, results_dir=args.results_dir, keep=args.keep)
    report.print()
    path = report.write(args.results_dir, stem=f"{stem}-smoke" if args.smoke else stem)
    print(f"  written: {path}")
