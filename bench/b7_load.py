"""Loading B7's watch list into the real tables in bulk (COPY), as the engine stores it.

Every entry gets the columns and the blocking keys the services would write
(``umis.screening.keys``), its document number encrypted and blind-indexed with the
project's own functions; only the path differs: COPY in batches instead of one service
call per entry, with the key index built once at the end.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime

from bench.b7_data import Person

KEY_INDEX = "watchlist_key_year_idx"
BATCH = 20_000
ENTRY_COLUMNS = (
    "id", "created_at", "updated_at", "list_kind", "surname_native", "given_names_native",
    "surname_latin", "given_names_latin", "birth_year", "birth_month", "birth_day", "sex",
    "nationality", "reason", "source", "source_reference", "valid_from", "valid_until",
    "lift_reason", "match_names", "document_indexes",
)  # fmt: skip


def _copy(cursor, table: str, columns: Iterable[str], rows: list[tuple]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def load(people: Iterable[Person], *, seed: int) -> dict:
    """COPY the people into the watch list; returns the brute force's names and timings."""
    from django.db import connection

    from umis.core.crypto import encrypt
    from umis.people.models import document_number_index
    from umis.screening.keys import NAME_SEPARATOR, canonical_forms, entry_keys

    rng = random.Random(seed + 3)
    now = datetime.now(UTC)
    valid_from = date(2020, 1, 1)
    forms_flat: list[str] = []
    owners: list[int] = []
    started = time.perf_counter()
    key_rows = 0
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(f"DROP INDEX IF EXISTS {KEY_INDEX}")
        entries: list[tuple] = []
        documents: list[tuple] = []
        keys: list[tuple] = []
        for index, p in enumerate(people):
            entry_id = index + 1
            forms = canonical_forms(
                [(p.surname_native, p.given_native), (p.surname_latin, p.given_latin)]
            )
            indexes = []
            if rng.random() < 0.7:
                number = f"P{rng.randrange(10**8):08d}"
                index_value = document_number_index(number)
                indexes.append(index_value)
                documents.append(
                    (
                        entry_id,
                        encrypt(number, context="screening.WatchListDocument.number"),
                        index_value,
                        p.nationality,
                    )
                )
            kind = "wanted" if rng.random() < 0.1 else "entry_ban"
            entries.append(
                (
                    entry_id, now, now, kind, p.surname_native, p.given_native,
                    p.surname_latin, p.given_latin, p.born.year, p.born.month, p.born.day, "",
                    p.nationality, "Generated for benchmark B7.", "border", f"B7-{entry_id}",
                    valid_from, None, "", NAME_SEPARATOR.join(forms), " ".join(indexes),
                )
            )  # fmt: skip
            keys.extend((entry_id, key, p.born.year) for key in entry_keys(forms, indexes))
            for form in forms:
                forms_flat.append(form)
                owners.append(index)
            if len(entries) >= BATCH:
                key_rows += _flush(cursor, entries, documents, keys)
        key_rows += _flush(cursor, entries, documents, keys)
        copied = time.perf_counter()
        cursor.execute(f"CREATE INDEX {KEY_INDEX} ON screening_watchlistkey (key, birth_year)")
        # Ids were given by the load: the sequences continue after them.
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('screening_watchlistentry', 'id'), "
            "(SELECT coalesce(max(id), 1) FROM screening_watchlistentry))"
        )
        cursor.execute("ANALYZE screening_watchlistentry")
        cursor.execute("ANALYZE screening_watchlistkey")
    done = time.perf_counter()
    return {
        "forms": forms_flat,
        "owners": owners,
        "key_rows": key_rows,
        "copy_seconds": round(copied - started, 1),
        "index_seconds": round(done - copied, 1),
    }


def _flush(cursor, entries: list, documents: list, keys: list) -> int:
    _copy(cursor, "screening_watchlistentry", ENTRY_COLUMNS, entries)
    _copy(
        cursor,
        "screening_watchlistdocument",
        ("entry_id", "number", "number_index", "issuing_state"),
        documents,
    )
    _copy(cursor, "screening_watchlistkey", ("entry_id", "key", "birth_year"), keys)
    count = len(keys)
    entries.clear()
    documents.clear()
    keys.clear()
    return count
