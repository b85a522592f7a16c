"""The border system's feed of crossings, simulated: deterministic, and growing with time.

Crossing number ``n`` happens at ``FEED_EPOCH + n × SLOT`` plus a jitter within its slot
(``CROSSINGS_PER_HOUR`` of them an hour), and everything about it follows from a fixed
seed and ``n``: polling later yields the crossings that have happened since, and the same
crossing always has the same id and content. Like a real feed, it keeps only the last
``RETENTION`` of crossings: an empty cursor starts there.

The travellers are drawn from the demo's own synthetic population
(``umis.people.demo``, the seed and count ``seed_demo`` uses), so about half of them are
persons the demo registry holds, with the passport it holds; some of those come with a
renewed passport (another number); the rest are visitors UMIS has never seen, and a few are
the persons of the restrictions list (``RESTRICTIONS``), so that the watch list has hits.
Names are written as the passport's Latin line writes them (capitals).

``POST /simulators/border/crossings/feed`` with ``{"cursor": "", "limit": 100}`` answers
``{"crossings": [...], "next_cursor": "...", "more": false}``.
"""

from __future__ import annotations

import random
import string
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.utils import timezone

from umis.exchange.simulators.base import BadRequest, Reply, simulator

FEED_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
FEED_SEED = "border-feed-v1"
CROSSINGS_PER_HOUR = 6
SLOT_SECONDS = 3600 // CROSSINGS_PER_HOUR
RETENTION = timedelta(days=2)
MAX_LIMIT = 500
CURSOR_PREFIX = "bx1-"
VISITORS = 400
VISITOR_SEED_OFFSET = 7_919  # another population of the same generator: never in UMIS

# Shares of travellers (cumulative): demo persons with the passport UMIS holds, demo
# persons with a renewed passport, visitors, persons of the restrictions list.
KNOWN_SHARE = 0.50
RENEWED_SHARE = 0.60
VISITOR_SHARE = 0.95

# (code, name, kind, weight)
BORDER_POINTS = (
    ("GYD", "Heydar Aliyev International Airport", "air", 45),
    ("KVD", "Ganja International Airport", "air", 6),
    ("NAJ", "Nakhchivan International Airport", "air", 4),
    ("SAMUR", "Samur border checkpoint (Russia)", "land", 15),
    ("QIRMIZI-KORPU", "Red Bridge border checkpoint (Georgia)", "land", 12),
    ("ASTARA", "Astara border checkpoint (Iran)", "land", 10),
    ("BAKU-PORT", "Baku International Sea Trade Port", "sea", 8),
)
AIRLINES = ("J2", "TK", "SU", "W6", "PC", "FZ", "QR", "G9", "A9")
VESSELS = ("Professor Gul", "Azerbaijan", "Akademik Topchubashov", "Merkuri-1", "Shahdag")

# The restrictions list's persons as their passports would read (full birth dates, and a
# document number of their own where the list knows none).
WATCHED_TRAVELLERS = (
    ("PETRENKO", "OLEH", "1981-09-14", "M", "UKR", "FE123450"),
    ("HOSSEINI", "ALI", "1990-02-17", "M", "IRN", "K41872265"),
    ("BERIDZE", "GIORGI", "1976-05-03", "M", "GEO", "13AB45670"),
)


@lru_cache(maxsize=4)
def _population(seed: int, count: int) -> tuple[Any, ...]:
    from umis.people.demo import demo_person_specs

    return tuple(demo_person_specs(count=count, seed=seed))


def _known_population() -> tuple[Any, ...]:
    from umis.people.demo import DEMO_PERSONS, DEMO_SEED

    return _population(DEMO_SEED, DEMO_PERSONS)


def _visitors() -> tuple[Any, ...]:
    from umis.people.demo import DEMO_SEED

    return _population(DEMO_SEED + VISITOR_SEED_OFFSET, VISITORS)


def occurred_at(n: int) -> datetime:
    jitter = random.Random(f"{FEED_SEED}:{n}:time").randrange(SLOT_SECONDS)  # noqa: S311
    return FEED_EPOCH + timedelta(seconds=n * SLOT_SECONDS + jitter)


def last_happened(now: datetime) -> int:
    """The number of the last crossing that has happened by ``now`` (-1: none yet)."""
    slot = int((now - FEED_EPOCH).total_seconds() // SLOT_SECONDS)
    if slot < 0:
        return -1
    return slot if occurred_at(slot) <= now else slot - 1


def first_retained(now: datetime) -> int:
    return max(0, last_happened(now - RETENTION) + 1)


def crossing_id(n: int) -> str:
    return f"BX{n:010d}"


def _latin(text: str) -> str:
    return " ".join(text.upper().split())


def _renewed_number(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + "".join(
        rng.choice(string.digits) for _ in range(7)
    )


def _traveller(rng: random.Random) -> dict[str, Any]:
    roll = rng.random()
    if roll >= VISITOR_SHARE:
        surname, given, birth, sex, nationality, number = rng.choice(WATCHED_TRAVELLERS)
        return {
            "surname": surname,
            "given_names": given,
            "birth_date": birth,
            "sex": sex,
            "nationality": nationality,
            "issuing_state": nationality,
            "document_number": number,
        }
    population = _known_population() if roll < RENEWED_SHARE else _visitors()
    spec = rng.choice(population)
    number = spec.document_number
    if KNOWN_SHARE <= roll < RENEWED_SHARE:
        number = _renewed_number(rng)
    return {
        "surname": _latin(spec.names["surname_latin"]),
        "given_names": _latin(spec.names["given_names_latin"]),
        "birth_date": spec.birth.iso(),
        "sex": spec.sex,
        "nationality": spec.nationality,
        "issuing_state": spec.issuing_state,
        "document_number": number,
    }


def _transport(rng: random.Random, kind: str) -> str:
    if kind == "air":
        return f"{rng.choice(AIRLINES)} {rng.randint(10, 9999)}"
    if kind == "sea":
        return rng.choice(VESSELS)
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(2))
    return f"{rng.randint(10, 99)}-{letters}-{rng.randint(100, 999)}"


def crossing(n: int) -> dict[str, Any]:
    """Crossing number ``n``, the same on every call."""
    rng = random.Random(f"{FEED_SEED}:{n}")  # noqa: S311 - simulated data, not a secret
    code, name, kind, _weight = rng.choices(BORDER_POINTS, weights=[p[3] for p in BORDER_POINTS])[0]
    return {
        "crossing_id": crossing_id(n),
        "occurred_at": occurred_at(n).isoformat().replace("+00:00", "Z"),
        "direction": "in" if rng.random() < 0.55 else "out",
        "point_code": code,
        "point_name": name,
        "point_kind": kind,
        "transport": _transport(rng, kind),
        **_traveller(rng),
    }


def _cursor_position(cursor: str) -> int | None:
    """The number of the last crossing a cursor has given (None: from the start)."""
    if not cursor:
        return None
    digits = cursor.removeprefix(CURSOR_PREFIX)
    if not cursor.startswith(CURSOR_PREFIX) or not digits.isdigit() or len(digits) > 12:
        raise BadRequest("cursor is not one this feed gave")
    return int(digits)


def feed_page(cursor: str, limit: int, *, now: datetime) -> dict[str, Any]:
    last = last_happened(now)
    position = _cursor_position(cursor)
    if position is not None and position > last:
        raise BadRequest("cursor is not one this feed gave")
    start = first_retained(now) if position is None else max(position + 1, first_retained(now))
    end = min(last, start + limit - 1)
    crossings = [crossing(n) for n in range(start, end + 1)]
    next_position = end if crossings else position
    return {
        "crossings": crossings,
        "next_cursor": "" if next_position is None else f"{CURSOR_PREFIX}{next_position}",
        "more": end < last,
    }


def feed_now() -> datetime:
    """The simulated border system's clock (tests move it to make crossings happen)."""
    return timezone.now()


@simulator("border", "crossings/feed")
def crossings_feed(data: dict[str, Any]) -> Reply:
    cursor = data.get("cursor") or ""
    limit = data.get("limit", 100)
    if not isinstance(cursor, str):
        raise BadRequest("cursor must be a string")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return Reply(feed_page(cursor, limit, now=feed_now()))
