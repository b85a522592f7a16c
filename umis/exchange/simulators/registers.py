"""What the simulated registries hold: the demo's citizens and taxpayers.

Nothing is stored: the same FIN always gives the same citizen and the same TIN the same
taxpayer, on every machine and in every run, drawn from the demo's synthetic population
(Faker's az_AZ locale with the demo's seed, ``umis.people.demo.DEMO_SEED``); never real
people. Any well-formed FIN or TIN is known unless its last character calls up another
outcome (see the package's table): so whatever host a demo user types, the registration
goes through, and the failures stay easy to call up.

The registry's own list of citizens (the ones a search by name and birth date can find)
is the demo host below and ``SEEDED_CITIZENS`` more drawn from the seed.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from faker import Faker

from umis.exchange.simulators.base import (
    BAD_SIGNATURE,
    DECEASED_OR_INACTIVE,
    DOWN,
    NOT_REGISTERED,
    OFF_SCHEMA,
)
from umis.people.demo import ANCHOR, DEMO_SEED
from umis.people.fin import FIN_ALPHABET

# The demo's citizen host: the seeded user "host" (umis.core seed_demo), and the FIN the
# API's example and the walkthrough in the README use.
DEMO_HOST = {
    "fin": "5ABC7DE",
    "surname": "Quliyev",
    "given_names": "Rəşad",
    "patronymic": "Elçin oğlu",
    "birth_date": "1979-03-12",
    "alive": True,
    "death_date": None,
    "address": "Qusar, Heydər Əliyev prospekti 12, mənzil 4",
}
# The demo employer (the seeded user "employer" represents it) and a hotel.
DEMO_EMPLOYER = {"tin": "1402345671", "name": "Xəzər Logistika MMC", "registered_on": "2012-05-14"}
DEMO_HOTEL = {"tin": "1700123451", "name": "Şahdağ Qonaq Evi MMC", "registered_on": "2016-09-01"}
SEEDED_CITIZENS = 200

# A FIN or TIN ending so is not drawn for the registry's own list: they call up outcomes.
_OUTCOME_ENDINGS = frozenset(
    {DECEASED_OR_INACTIVE, NOT_REGISTERED, OFF_SCHEMA, BAD_SIGNATURE, DOWN}
)


def _random(kind: str, identifier: str) -> random.Random:
    digest = hashlib.sha256(f"{DEMO_SEED}|{kind}|{identifier}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _faker(rng: random.Random) -> Faker:
    fake = Faker("az_AZ")
    fake.seed_instance(rng.getrandbits(32))
    return fake


def _capitalised(text: str) -> str:
    # Faker's street names are in capitals; str.title() mangles the Azerbaijani dotted İ.
    return " ".join(w[:1] + w[1:].replace("İ", "i").lower() for w in text.split(" "))


@lru_cache(maxsize=1024)
def _drawn_citizen(fin: str) -> dict[str, Any]:
    rng = _random("citizen", fin)
    fake = _faker(rng)
    female = rng.random() < 0.5
    given = fake.first_name_female() if female else fake.first_name_male()
    surname = fake.last_name_female() if female else fake.last_name_male()
    father = fake.first_name_male()
    born = ANCHOR - timedelta(days=rng.randint(18 * 365, 80 * 365))
    deceased = fin.endswith(DECEASED_OR_INACTIVE)
    died = ANCHOR - timedelta(days=rng.randint(30, 3 * 365)) if deceased else None
    street = _capitalised(fake.street_name())
    return {
        "fin": fin,
        "surname": surname,
        "given_names": given,
        "patronymic": f"{father} {'qızı' if female else 'oğlu'}",
        "birth_date": born.isoformat(),
        "alive": not deceased,
        "death_date": died.isoformat() if died else None,
        "address": f"{fake.city()}, {street} küçəsi {rng.randint(1, 120)}",
    }


def citizen(fin: str) -> dict[str, Any] | None:
    """The registry's record of the citizen with this FIN; None if it holds no such FIN."""
    if fin.endswith(NOT_REGISTERED):
        return None
    if fin == DEMO_HOST["fin"]:
        return dict(DEMO_HOST)
    return dict(_drawn_citizen(fin))


@lru_cache(maxsize=1)
def listed_citizens() -> tuple[dict[str, Any], ...]:
    """The citizens a search can find: the demo host and the seeded ones."""
    rng = random.Random(DEMO_SEED)
    fins: list[str] = []
    while len(fins) < SEEDED_CITIZENS:
        fin = "".join(rng.choice(FIN_ALPHABET) for _ in range(7))
        if fin[-1] not in _OUTCOME_ENDINGS and fin not in fins:
            fins.append(fin)
    return (dict(DEMO_HOST), *(_drawn_citizen(fin) for fin in fins))


def _folded(text: str) -> str:
    return " ".join(text.replace("İ", "i").casefold().split())


def citizens_named(surname: str, given_names: str, birth_date: date) -> list[dict[str, Any]]:
    """The listed citizens with exactly these names (any letter case) and birth date."""
    wanted = (_folded(surname), _folded(given_names), birth_date.isoformat())
    return [
        dict(c)
        for c in listed_citizens()
        if (_folded(c["surname"]), _folded(c["given_names"]), c["birth_date"]) == wanted
    ]


def taxpayer(tin: str) -> dict[str, Any] | None:
    """The register's record of the taxpayer with this TIN; None if none is registered."""
    if tin.endswith(NOT_REGISTERED):
        return None
    for known in (DEMO_EMPLOYER, DEMO_HOTEL):
        if tin == known["tin"]:
            return {**known, "active": True, "deregistered_on": None}
    rng = _random("taxpayer", tin)
    fake = _faker(rng)
    registered = ANCHOR - timedelta(days=rng.randint(365, 25 * 365))
    inactive = tin.endswith(DECEASED_OR_INACTIVE)
    gone = registered + timedelta(days=rng.randint(200, 300)) if inactive else None
    return {
        "tin": tin,
        "name": fake.company(),
        "active": not inactive,
        "registered_on": registered.isoformat(),
        "deregistered_on": gone.isoformat() if gone else None,
    }
