"""B7: watch-list screening of one person against a 1,000,000-entry list.

Ours: ``umis.screening.engine.screen_person`` — the real engine on its real tables in
PostgreSQL (a database of the benchmark's own), called in-process: the query checked and
normalised, candidates found by the blocking keys in one indexed query, each scored with
its explanation, hits at the engine's threshold.

Baseline: brute force, ``rapidfuzz.process.extract`` with the engine's own name scorer and
name threshold over every name form of the whole list held in memory (the same canonical
forms the engine compares), every entry at or above the threshold a hit.

Data (``bench/b7_data.py``, seeded): the list, then listed people written differently
(other script, transliteration variant, typo, swapped day and month, missing day) and
people not on the list. Recall: the share of listed people whose entry is among the hits;
precision: the share of all hits that are the person's own entry.

    python -m bench.b7_screening [--smoke] [--keep]
"""

from __future__ import annotations

import random
import statistics
import time
import tracemalloc
from collections import Counter
from datetime import date
from pathlib import Path

from bench.app import close_django, setup_django
from bench.b7_data import Generator, Query
from bench.pg import (
    Database,
    bench_database_name,
    drop_database,
    fresh_database,
    migrate,
    server_url,
)
from bench.report import Report, Row, run_from_command_line

SEED = 20261130
FULL = {"entries": 1_000_000, "listed_queries": 100, "unlisted_queries": 100}
SMOKE = {"entries": 3_000, "listed_queries": 20, "unlisted_queries": 10}
SCREEN_ON = date(2026, 6, 1)
MEMORY_SAMPLE = 10  # queries measured again under tracemalloc (it slows every allocation)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ours(query: Query) -> set[int]:
    from umis.core.errors import ValidationFailed
    from umis.screening.engine import screen_person

    try:
        result = screen_person(
            names=[(query.surname, query.given_names)],
            birth_date=query.birth_date,
            nationality=query.nationality,
            on=SCREEN_ON,
        )
    except ValidationFailed:  # a query the engine refuses finds nothing (counted as a miss)
        return set()
    return {hit.entry_id - 1 for hit in result.hits}


def _brute_force(query: Query, forms: list[str], owners: list[int]) -> set[int]:
    from rapidfuzz import process

    from umis.screening.keys import full_name
    from umis.screening.scoring import NAME_THRESHOLD, name_scorer

    found = process.extract(
        full_name(query.surname, query.given_names),
        forms,
        scorer=name_scorer,
        score_cutoff=NAME_THRESHOLD,
        limit=None,
    )
    return {owners[index] for _form, _score, index in found}


def _measure(queries: list[Query], screen) -> dict:
    times, hits = [], []
    for query in queries:
        started = time.perf_counter()
        found = screen(query)
        times.append((time.perf_counter() - started) * 1000)
        hits.append(found)
    return {"ms": times, "hits": hits}


def _quality(queries: list[Query], hits: list[set[int]]) -> dict:
    listed = [(q, h) for q, h in zip(queries, hits, strict=True) if q.entry is not None]
    found = [q.entry in h for q, h in listed]
    true_hits = sum(1 for q, h in zip(queries, hits, strict=True) if q.entry in h)
    total = sum(len(h) for h in hits)
    by_variant: dict[str, list[bool]] = {}
    for (q, _h), ok in zip(listed, found, strict=True):
        by_variant.setdefault(q.variant, []).append(ok)
    return {
        "recall": sum(found) / len(found),
        "precision": true_hits / total if total else 0.0,
        "hits": total,
        "recall_by_variant": {k: round(sum(v) / len(v), 3) for k, v in by_variant.items()},
        "hits_on_unlisted": sum(
            len(h) for q, h in zip(queries, hits, strict=True) if q.entry is None
        ),
    }


def _peak_mib(queries: list[Query], screen) -> float:
    tracemalloc.start()
    for query in queries:
        screen(query)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _held_mib(forms: list[str], owners: list[int]) -> float:
    import sys

    strings = sum(sys.getsizeof(f) for f in forms)
    return (strings + sys.getsizeof(forms) + sys.getsizeof(owners) + 28 * len(set(owners))) / 2**20


def run(*, smoke: bool = False, results_dir: Path | None = None, keep: bool = False) -> Report:
    sizes = SMOKE if smoke else FULL
    server = Database(server_url())
    name = bench_database_name("b7", smoke=smoke)
    database = fresh_database(server, name)
    report = Report(
        benchmark="B7-screening",
        parameters={"smoke": smoke, "seed": SEED, **sizes, "concurrency": 1, "repetitions": 1},
    )
    try:
        migrate(database)
        setup_django(database)
        from bench.b7_load import load

        generator = Generator(SEED)
        picked = set(random.Random(SEED).sample(range(sizes["entries"]), sizes["listed_queries"]))
        listed = []

        def people():
            for index, person in enumerate(generator.people(sizes["entries"])):
                if index in picked:
                    listed.append((index, person))
                yield person

        loaded = load(people(), seed=SEED)
        forms, owners = loaded.pop("forms"), loaded.pop("owners")
        queries = generator.queries(sorted(listed), sizes["unlisted_queries"])
        for query in queries[:5]:  # warm: connection, statement plans, name caches
            _ours(query)
        ours = _measure(queries, _ours)
        brute = _measure(queries, lambda q: _brute_force(q, forms, owners))
        sample = queries[:MEMORY_SAMPLE]
        ours_mib = _peak_mib(sample, _ours)
        brute_mib = _held_mib(forms, owners) + _peak_mib(
            sample, lambda q: _brute_force(q, forms, owners)
        )
        q_ours, q_brute = _quality(queries, ours["hits"]), _quality(queries, brute["hits"])
        p95 = (_percentile(ours["ms"], 0.95), _percentile(brute["ms"], 0.95))
        report.rows = [
            Row("B7 p95 per screening", "ms", p95[0], p95[1], "<= 0.05"),
            Row("B7 recall (listed people)", "share", q_ours["recall"], q_brute["recall"], ">= 1"),
            Row("B7 precision (hits that are the person)", "share", q_ours["precision"],
                q_brute["precision"]),
            Row("B7 p50 per screening", "ms", statistics.median(ours["ms"]),
                statistics.median(brute["ms"])),
            Row("B7 peak memory", "MiB", ours_mib, brute_mib),
        ]  # fmt: skip
        report.details = {
            "load": {**loaded, "entries": sizes["entries"], "name_forms": len(forms)},
            "ours": {**q_ours, "ms": [round(t, 2) for t in ours["ms"]]},
            "brute_force": {**q_brute, "ms": [round(t, 1) for t in brute["ms"]]},
            "variants": dict(Counter(q.variant for q in queries)),
        }
        report.notes = [
            f"list loaded by COPY in {loaded['copy_seconds']} s, key index built in "
            f"{loaded['index_seconds']} s ({loaded['key_rows']:,} keys)",
            "ours is 'at least 20x faster' when its p95 is <= 0.05 of the brute force's",
            "peak memory: Python allocations of the screening process (tracemalloc, "
            f"{MEMORY_SAMPLE} queries); the brute force's includes the names it holds; "
            "PostgreSQL's own memory is not counted",
        ]
        return report
    finally:
        close_django()
        if not keep:
            drop_database(server, name)


def main(argv: list[str] | None = None) -> None:
    run_from_command_line(run, doc=__doc__ or "", stem="b7", argv=argv)


if __name__ == "__main__":
    main()
