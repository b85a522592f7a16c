"""Run every benchmark: ``python -m bench [--smoke]`` (``make bench``, ``make bench-smoke``)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from bench.pg import ROOT

BENCHMARKS = [
    "bench.b1_submission",
    "bench.b2_queue",
    "bench.b5_linkage",
    "bench.b6_registry",
    "bench.b7_screening",
    "bench.b9_verify",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds each")
    parser.add_argument("--results-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    extra = ["--smoke"] if args.smoke else []
    if args.results_dir:
        extra += ["--results-dir", str(args.results_dir)]
    failed = []
    # One process per benchmark: each configures Django on a database of its own.
    for module in BENCHMARKS:
        done = subprocess.run([sys.executable, "-m", module, *extra], cwd=ROOT)  # noqa: S603
        if done.returncode != 0:
            failed.append(module)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
