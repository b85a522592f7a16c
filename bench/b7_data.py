"""B7's data: a seeded watch list of people from many scripts, and the people to screen.

Names come from Faker's name lists of several locales (Azerbaijani and Turkish Latin,
Russian and Ukrainian Cyrillic, Georgian, Armenian, Persian); each entry has its names as
written in their own script and a Latin form as a passport would print it. Queries are
listed people written differently — in the other script, with a transliteration variant,
with a typo, with day and month of birth swapped, with the day missing — and people not on
the list. The same seed gives the same list and the same queries.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from anyascii import anyascii

LOCALES = {  # locale: (weight, nationality)
    "az_AZ": (3, "AZE"),
    "ru_RU": (3, "RUS"),
    "tr_TR": (1, "TUR"),
    "ka_GE": (1, "GEO"),
    "fa_IR": (1, "IRN"),
    "uk_UA": (1, "UKR"),
    "hy_AM": (1, "ARM"),
}
_NOT_IN_PASSPORT = re.compile(r"[^A-Z \-]")
VARIANTS = ("other_script", "transliteration", "typo", "swapped_day_month", "missing_day")
# How a clerk or another system may spell the same Latin name otherwise.
SPELLINGS = [
    ("kh", "h"),
    ("x", "kh"),
    ("sh", "s"),
    ("ch", "tch"),
    ("zh", "j"),
    ("j", "dzh"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("iy", "y"),
    ("ov", "off"),
    ("ev", "yev"),
    ("mm", "m"),
    ("a", "e"),
    ("u", "ou"),
    ("ts", "c"),
    ("y", "i"),
    ("q", "g"),
    ("i", "y"),
]
_TO_CYRILLIC = str.maketrans(
    {
        "a": "а",
        "b": "б",
        "c": "дж",
        "d": "д",
        "e": "е",
        "f": "ф",
        "g": "г",
        "h": "х",
        "i": "и",
        "j": "ж",
        "k": "к",
        "l": "л",
        "m": "м",
        "n": "н",
        "o": "о",
        "p": "п",
        "q": "г",
        "r": "р",
        "s": "с",
        "t": "т",
        "u": "у",
        "v": "в",
        "w": "в",
        "x": "х",
        "y": "й",
        "z": "з",
    }
)


@dataclass(frozen=True)
class Person:
    surname_native: str
    given_native: str
    surname_latin: str
    given_latin: str
    born: date
    nationality: str
    latin_script: bool  # the native form is already Latin (Azerbaijani, Turkish)


@dataclass(frozen=True)
class Query:
    surname: str
    given_names: str
    birth_date: str
    nationality: str
    entry: int | None  # the index of the listed person, None for an unlisted one
    variant: str


def _pools() -> dict[str, tuple[list[str], list[str]]]:
    from faker import Faker

    pools = {}
    for locale in LOCALES:
        provider = Faker(locale).provider("faker.providers.person")
        last: set[str] = set()
        first: set[str] = set()
        for attr in ("last_names", "last_names_male", "last_names_female"):
            last |= set(getattr(provider, attr, ()) or ())
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first |= set(getattr(provider, attr, ()) or ())
        pools[locale] = (sorted(last), sorted(first))
    return pools


def passport_latin(native: str) -> str:
    """The name as a passport's Latin line prints it: letters, spaces and hyphens only
    (anyascii writes the Arabic ʿayn as a backquote, which no passport has)."""
    latin = anyascii(native.replace("ə", "a").replace("Ə", "A")).upper()
    return " ".join(_NOT_IN_PASSPORT.sub("", latin).split())


class Generator:
    def __init__(self, seed: int) -> None:
        self.pools = _pools()
        self.locales = list(LOCALES)
        self.weights = [LOCALES[loc][0] for loc in self.locales]
        self.seed = seed

    def person(self, rng: random.Random) -> Person:
        locale = rng.choices(self.locales, self.weights)[0]
        last, first = self.pools[locale]
        surname = rng.choice(last)
        given = rng.choice(first)
        if rng.random() < 0.25:
            given = f"{given} {rng.choice(first)}"
        born = date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
        return Person(
            surname_native=surname,
            given_native=given,
            surname_latin=passport_latin(surname),
            given_latin=passport_latin(given),
            born=born,
            nationality=LOCALES[locale][1],
            latin_script=locale in ("az_AZ", "tr_TR"),
        )

    def people(self, count: int) -> Iterator[Person]:
        rng = random.Random(self.seed)
        for _ in range(count):
            yield self.person(rng)

    def queries(self, listed: list[tuple[int, Person]], unlisted: int) -> list[Query]:
        rng = random.Random(self.seed + 1)
        out = []
        for i, (index, person) in enumerate(listed):
            variant = VARIANTS[i % len(VARIANTS)]
            out.append(_written_differently(rng, index, person, variant))
        others = random.Random(self.seed + 2)
        for _ in range(unlisted):
            p = self.person(others)
            out.append(
                Query(
                    p.surname_latin,
                    p.given_latin,
                    p.born.isoformat(),
                    p.nationality,
                    None,
                    "unlisted",
                )
            )
        return out


def _typo(rng: random.Random, text: str) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 3:
        return text
    i = rng.choice(letters[1:])
    kind = rng.choice(("substitute", "delete", "insert", "transpose"))
    letter = rng.choice("ABDEIKLMNORSTUVZ")
    if kind == "substitute":
        return text[:i] + letter + text[i + 1 :]
    if kind == "delete":
        return text[:i] + text[i + 1 :]
    if kind == "insert":
        return text[:i] + letter + text[i:]
    j = i - 1
    return text[:j] + text[i] + text[j] + text[i + 1 :]


def _respelt(rng: random.Random, text: str) -> str:
    lower = text.lower()
    options = [(a, b) for a, b in SPELLINGS if a in lower]
    if not options:
        return text
    a, b = rng.choice(options)
    return lower.replace(a, b, 1).upper()


def _written_differently(rng: random.Random, index: int, p: Person, variant: str) -> Query:
    surname, given, born = p.surname_latin, p.given_latin, p.born.isoformat()
    if variant == "other_script":
        if p.latin_script:  # an Azerbaijani or Turkish name written in Cyrillic
            surname = p.surname_latin.lower().translate(_TO_CYRILLIC).title()
            given = p.given_latin.lower().translate(_TO_CYRILLIC).title()
        else:
            surname, given = p.surname_native, p.given_native
    elif variant == "transliteration":
        if rng.random() < 0.5:
            surname = _respelt(rng, surname)
        else:
            given = _respelt(rng, given)
    elif variant == "typo":
        if rng.random() < 0.5:
            surname = _typo(rng, surname)
        else:
            given = _typo(rng, given)
    elif variant == "swapped_day_month":
        if p.born.day <= 12 and p.born.day != p.born.month:
            born = f"{p.born.year:04d}-{p.born.day:02d}-{p.born.month:02d}"
        else:  # not swappable: written with the day missing instead
            born = f"{p.born.year:04d}-{p.born.month:02d}"
    elif variant == "missing_day":
        born = f"{p.born.year:04d}-{p.born.month:02d}"
    return Query(surname, given, born, p.nationality, index, variant)
