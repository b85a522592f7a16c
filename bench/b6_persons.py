"""B6's persons: who they are before any source writes them down (``bench.b6_generator``).

A person has an origin (Azerbaijani, Russian, Turkish, Iranian, Georgian, Ukrainian, Arab,
British) and a nationality (an Azerbaijani may hold a Russian, Georgian or Iranian
passport), a name in that origin's script (Faker's lists; the hand-written Persian and
Arabic lists of ``bench.b6_names``), a father (the patronymic), a birth date, one to three
passports over the years (renewal changes the number), a FIN for Azerbaijani citizens, and
an address. Some persons are siblings of an earlier one: same surname (in its feminine
form for a sister), same father and mostly the same address, another given name and birth
date, now and then a twin.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench import b6_names as names

ORIGINS = {  # origin: (share of persons, nationalities with their shares)
    "az": (0.30, {"AZE": 0.88, "RUS": 0.05, "GEO": 0.04, "IRN": 0.03}),
    "ru": (0.14, {"RUS": 0.95, "KAZ": 0.05}),
    "tr": (0.12, {"TUR": 1.0}),
    "fa": (0.12, {"IRN": 1.0}),
    "ka": (0.08, {"GEO": 1.0}),
    "uk": (0.05, {"UKR": 1.0}),
    "ar": (0.15, {"IRQ": 0.35, "SYR": 0.25, "EGY": 0.2, "SAU": 0.1, "JOR": 0.1}),
    "en": (0.04, {"GBR": 1.0}),
}
SIBLING_SHARE = 0.10  # persons who are a sibling of an earlier person
UNKNOWN_BIRTH_DAY_SHARE = 0.08  # Iranian and Arab persons whose documents know the year only
PASSPORT_RENEWALS = {1: 0.67, 2: 0.25, 3: 0.08}
FIN_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class Name:
    """One name of a person in their origin's terms."""

    native: str
    entry: tuple | None = None  # Persian and Arabic: (native, latin spellings, cyrillic)
    spelling: int = 0  # which Latin spelling the person's passport uses


@dataclass
class Person:
    number: int
    origin: str
    sex: str
    given: Name
    surname: Name
    father: Name | None
    birth: tuple[int, int, int]
    nationality: str
    passports: list[str]
    fin: str = ""
    address: tuple[int, int, int, int] = (0, 0, 0, 0)  # street, house, flat (0: none), place
    year_only: bool = False  # documents know only the year (or write 1 January)
    digraphs: bool = False  # Azerbaijani passport written with SH/CH/GH
    records: list[dict] = field(default_factory=list)


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _name_lists(origin: str, sex: str) -> tuple[tuple, tuple]:
    female = sex == "F"
    if origin == "az":
        given = names.faker_names("az_AZ", "first_names_female" if female else "first_names_male")
        surnames = names.faker_names("az_AZ", "last_names_male")
        return given, surnames + names.faker_names("az_AZ", "last_names_unisex")
    if origin in ("ru", "uk"):
        locale = "ru_RU" if origin == "ru" else "uk_UA"
        given = names.faker_names(locale, "first_names_female" if female else "first_names_male")
        return given, names.faker_names(locale, "last_names_male")
    if origin == "tr":
        given = names.faker_names("tr_TR", "first_names_female" if female else "first_names_male")
        surnames = set(names.faker_names("tr_TR", "last_names")) | set(names.TURKISH_SURNAMES)
        return given, tuple(sorted(surnames))
    if origin == "ka":
        given = names.faker_names("ka_GE", "first_names_female" if female else "first_names_male")
        return given, names.faker_names("ka_GE", "last_names")
    if origin == "en":
        given = names.faker_names("en_GB", "first_names_female" if female else "first_names_male")
        return given, names.faker_names("en_GB", "last_names")
    if origin == "fa":
        return (names.PERSIAN_FEMALE if female else names.PERSIAN_MALE), names.PERSIAN_SURNAMES
    return (names.ARABIC_FEMALE if female else names.ARABIC_MALE), names.ARABIC_SURNAMES


def _name(rng: random.Random, choices: tuple) -> Name:
    choice = rng.choice(choices)
    if isinstance(choice, tuple):  # a hand-written entry
        spelling = min(int(rng.expovariate(1.2)), len(choice[1]) - 1)
        return Name(choice[0], choice, spelling)
    return Name(choice)


def _feminine_surname(origin: str, surname: str) -> str:
    if origin == "az" and surname.endswith(("ov", "yev", "ev", "in")):
        return surname + "a"
    if origin in ("ru", "uk") and surname.endswith(("ов", "ев", "ин", "ын")):
        return surname + "а"
    if origin in ("ru", "uk") and surname.endswith("ский"):
        return surname[:-2] + "ая"
    return surname


def _passport_number(rng: random.Random, nationality: str) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(9))
    if nationality == "AZE":
        return "C" + digits[:8]
    if nationality in ("RUS", "KAZ"):
        return digits
    if nationality in ("TUR", "IRN"):
        return rng.choice("UXYZK") + digits[:8]
    if nationality in ("GEO", "UKR"):
        return rng.choice("ABEFGH") + rng.choice("ABEFGH") + digits[:7]
    if nationality == "GBR":
        return digits
    return rng.choice("ABNPRS") + digits[:7]


def new_address(rng: random.Random) -> tuple[int, int, int, int]:
    """A street of ``names.streets()``, a house, a flat in seven homes out of ten, a place."""
    flat = rng.randint(1, 150) if rng.random() < 0.7 else 0
    street = rng.randrange(len(names.streets()))
    return street, rng.randint(1, 200), flat, rng.randrange(len(names.LOCALITIES))


def _birth(rng: random.Random) -> tuple[int, int, int]:
    age = rng.randint(0, 17) if rng.random() < 0.1 else int(rng.triangular(18, 80, 30))
    year = 2026 - age
    month = rng.randint(1, 12)
    return year, month, rng.randint(1, 28 if month == 2 else 30)


def new_person(rng: random.Random, number: int, sibling_of: Person | None) -> Person:
    if sibling_of is not None:
        origin, nationality = sibling_of.origin, sibling_of.nationality
    else:
        origin = pick(rng, {o: share for o, (share, _) in ORIGINS.items()})
        nationality = pick(rng, ORIGINS[origin][1])
    sex = rng.choice("MF")
    given_list, surname_list = _name_lists(origin, sex)
    if sibling_of is not None:
        surname, father = sibling_of.surname, sibling_of.father
        year, month, day = sibling_of.birth
        shift = rng.choice([-1, 1]) * rng.randint(1, 15)
        birth = (min(year + shift, 2026), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.02:  # twins
            birth = sibling_of.birth
    else:
        surname = _name(rng, surname_list)
        father = _name(rng, _name_lists(origin, "M")[0]) if origin not in ("tr", "en") else None
        birth = _birth(rng)
    if sex == "F":
        surname = Name(_feminine_surname(origin, surname.native), surname.entry, surname.spelling)
    passports = [_passport_number(rng, nationality) for _ in range(pick(rng, PASSPORT_RENEWALS))]
    fin = "".join(rng.choice(FIN_ALPHABET) for _ in range(7)) if nationality == "AZE" else ""
    address = (
        sibling_of.address if sibling_of is not None and rng.random() < 0.8 else new_address(rng)
    )
    return Person(
        number=number,
        origin=origin,
        sex=sex,
        given=_name(rng, given_list),
        surname=surname,
        father=father,
        birth=birth,
        nationality=nationality,
        passports=passports,
        fin=fin,
        address=address,
        year_only=origin in ("fa", "ar") and rng.random() < UNKNOWN_BIRTH_DAY_SHARE,
        digraphs=rng.random() < 0.3,
    )
