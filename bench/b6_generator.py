"""B6's data: a seeded multi-script registry of people, each written down by 1..5 sources.

``generate(persons, seed, directory)`` writes ``records.csv`` (what ``link_records`` reads:
``id, given_name, surname, patronymic, birth_date, sex, nationality, document_number,
national_id, address, locality``) and ``truth.csv`` (``id, person``). Record ids are
shuffled and say nothing about the person. Same arguments, same files.

A person has an origin (Azerbaijani, Russian, Turkish, Iranian, Georgian, Ukrainian, Arab,
British), a name in that origin's script (Faker's lists; the hand-written Persian and
Arabic lists of ``bench.b6_names``), a father (the patronymic), a birth date, one to three
passports over the years (renewal changes the number), a FIN for Azerbaijani citizens,
and an address. Some persons are siblings of an earlier one (same surname, father and
address, another given name and birth date): the near misses a registry really holds.

Each record comes from one source, and each source writes a name its own way:

- ``border``: the passport's data page, in capitals (Azerbaijani ICAO: MAMMADOV; Russian
  passports: ICAO transliteration of the Cyrillic), no patronymic;
- ``registry``: the population registry, in Azerbaijani for citizens (with "Əli oğlu"),
  the passport spelling or the native script for foreigners;
- ``host``: a landlord's or hotel's registration, typed by hand: often Russian Cyrillic or
  its Latin (Мамедов, Mamedov, Dzhafarov, Guseinov), typos, swapped name order and
  day-month, a mistyped passport number;
- ``application``: the person's own e-service application, native script or passport
  spelling.

The probabilities of every corruption are ``CORRUPTION`` below and the table in
bench/README.md (B6).

    python -m bench.b6_generator PERSONS DIRECTORY [--seed N]
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from bench import b6_names as names
from bench.b6_persons import SIBLING_SHARE, Name, Person, new_address, new_person, pick
from bench.b6_scripts import (
    az_english,
    az_passport,
    az_russian,
    cyrillic_latin,
    georgian_latin,
    georgian_russian,
)

SEED = 20_261_130
COLUMNS = [
    "id", "given_name", "surname", "patronymic", "birth_date", "sex", "nationality",
    "document_number", "national_id", "address", "locality",
]  # fmt: skip

RECORDS_PER_PERSON = {1: 0.40, 2: 0.32, 3: 0.18, 4: 0.07, 5: 0.03}
SOURCES = {"border": 0.35, "host": 0.25, "application": 0.25, "registry": 0.15}

# Per record, by source: the probability of each corruption (README, B6, has the table).
CORRUPTION = {
    "border": {
        "name_typo": 0.005, "swap_names": 0.01, "sex_wrong": 0.003, "doc_typo": 0.005,
        "date_swap": 0.0, "date_partial": 0.0, "date_year_off": 0.002, "date_digit": 0.001,
        "doc_missing": 0.0, "sex_missing": 0.0, "nationality_missing": 0.0,
        "nationality_wrong": 0.0, "patronymic": 0.0, "address": 0.0, "other_address": 0.0,
    },
    "registry": {
        "name_typo": 0.01, "swap_names": 0.005, "sex_wrong": 0.001, "doc_typo": 0.01,
        "date_swap": 0.005, "date_partial": 0.0, "date_year_off": 0.005, "date_digit": 0.003,
        "doc_missing": 0.05, "sex_missing": 0.0, "nationality_missing": 0.0,
        "nationality_wrong": 0.0, "patronymic": 0.9, "address": 1.0, "other_address": 0.0,
    },
    "host": {
        "name_typo": 0.08, "swap_names": 0.08, "sex_wrong": 0.01, "doc_typo": 0.06,
        "date_swap": 0.06, "date_partial": 0.03, "date_year_off": 0.02, "date_digit": 0.02,
        "doc_missing": 0.10, "sex_missing": 0.15, "nationality_missing": 0.05,
        "nationality_wrong": 0.01, "patronymic": 0.3, "address": 0.9, "other_address": 0.3,
    },
    "application": {
        "name_typo": 0.03, "swap_names": 0.03, "sex_wrong": 0.005, "doc_typo": 0.02,
        "date_swap": 0.02, "date_partial": 0.01, "date_year_off": 0.01, "date_digit": 0.01,
        "doc_missing": 0.02, "sex_missing": 0.02, "nationality_missing": 0.01,
        "nationality_wrong": 0.005, "patronymic": 0.5, "address": 0.6, "other_address": 0.2,
    },
}  # fmt: skip
# How each source writes names (the styles are described in ``_write_name``).
STYLES = {
    "border": {"passport": 1.0},
    "registry": {"native": 0.7, "passport": 0.2, "russian": 0.1},
    "host": {"russian": 0.3, "russian_latin": 0.2, "passport": 0.35, "native": 0.1,
             "english": 0.05},
    "application": {"native": 0.45, "passport": 0.4, "english": 0.1, "russian_latin": 0.05},
}  # fmt: skip
NEAR_KEYS = {
    row[i]: row[i - 1] + row[i + 1 : i + 2]
    for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    for i in range(len(row))
}
ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyz",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщыьэюя",
    "georgian": "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
}
OCR = {"0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8"}


# --- writing a name ------------------------------------------------------------------------


def _passport_style(person: Person, name: Name) -> str:
    """The passport's Latin: by the issuing state's convention, one spelling for life."""
    if name.entry is not None:
        return name.entry[1][name.spelling].upper()
    if person.origin in ("ru", "uk") or person.nationality in ("RUS", "KAZ"):
        return cyrillic_latin(_russian(person, name), ukrainian=person.origin == "uk").upper()
    if person.origin == "ka":
        return georgian_latin(name.native).upper()
    if person.origin in ("az", "tr"):
        return az_passport(name.native, digraphs=person.digraphs)
    return name.native.upper()


def _russian(person: Person, name: Name) -> str:
    if name.entry is not None:
        return name.entry[2]
    if person.origin in ("az", "tr"):
        return az_russian(name.native)
    if person.origin == "ka":
        return georgian_russian(name.native)
    return name.native  # Russian and Ukrainian are Cyrillic already; English stays Latin


def _write_name(rng: random.Random, person: Person, name: Name, style: str) -> str:
    if style == "passport":
        return _passport_style(person, name)
    if style == "russian":
        return _russian(person, name)
    if style == "russian_latin":
        system = rng.choice(["icao", "english", "english"])
        return cyrillic_latin(_russian(person, name), system=system)
    if style == "english":
        if name.entry is not None:
            return rng.choice(name.entry[1])  # any of the spellings people use
        if person.origin in ("az", "tr"):
            return az_english(name.native)
        if person.origin in ("ru", "uk"):
            return cyrillic_latin(name.native, system="english")
        if person.origin == "ka":
            return georgian_latin(name.native)
        return name.native
    return name.native  # the person's own script and spelling


def _patronymic(rng: random.Random, person: Person, style: str) -> str:
    if person.father is None:
        return ""
    father = _write_name(rng, person, person.father, style)
    if person.origin == "az":
        marker = {"F": ("qızı", "кызы", "qizi", "kyzy"), "M": ("oğlu", "оглы", "oglu", "ogly")}
        markers = marker[person.sex]
        if rng.random() < 0.4:
            return father  # the father's name alone
        if style == "russian":
            return f"{father} {markers[1]}"
        if style == "native":
            return f"{father} {markers[0]}"
        return f"{father} {rng.choice(markers[2:])}"
    if person.origin in ("ru", "uk") and style in ("native", "russian"):
        return _russian_patronymic(person.father.native, person.sex)
    if person.origin in ("ru", "uk"):
        system = "icao" if style == "passport" else "english"
        return cyrillic_latin(_russian_patronymic(person.father.native, person.sex), system=system)
    return father


def _russian_patronymic(father: str, sex: str) -> str:
    female = sex == "F"
    if father.endswith("й"):
        return father[:-1] + ("евна" if female else "евич")
    if father.endswith(("а", "я")):
        return father[:-1] + ("ична" if female else "ич")
    if father.endswith("ь"):
        return father[:-1] + ("евна" if female else "евич")
    return father + ("овна" if female else "ович")


def _script(text: str) -> str:
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            return "cyrillic"
        if "\u10a0" <= char <= "\u10ff":
            return "georgian"
        if "\u0600" <= char <= "\u06ff":
            return "arabic"
    return "latin"


def typo(rng: random.Random, text: str) -> str:
    """One keyboard slip: a letter inserted, dropped, replaced (a neighbouring key on a Latin
    keyboard) or two letters swapped; the first letter is kept four times in five."""
    if len(text) < 3:
        return text
    start = 1 if rng.random() < 0.8 else 0
    position = rng.randrange(start, len(text) - 1)
    alphabet = ALPHABETS[_script(text)]
    kind = rng.choice(("insert", "delete", "substitute", "transpose"))
    char = text[position]
    if kind == "insert":
        return text[:position] + rng.choice(alphabet) + text[position:]
    if kind == "delete":
        return text[:position] + text[position + 1 :]
    if kind == "transpose":
        return text[:position] + text[position + 1] + char + text[position + 2 :]
    near = NEAR_KEYS.get(char.lower())
    replacement = rng.choice(near) if near else rng.choice(alphabet)
    if char.isupper():
        replacement = replacement.upper()
    return text[:position] + replacement + text[position + 1 :]


def _document_typo(rng: random.Random, number: str) -> str:
    position = rng.randrange(len(number))
    char = number[position]
    if char in OCR and rng.random() < 0.4:
        return number[:position] + OCR[char] + number[position + 1 :]
    if rng.random() < 0.3 and position < len(number) - 1:
        return number[:position] + number[position + 1] + char + number[position + 2 :]
    return number[:position] + rng.choice("0123456789") + number[position + 1 :]


# --- one record ----------------------------------------------------------------------------


def _birth_date(rng: random.Random, person: Person, rates: dict, source: str) -> str:
    year, month, day = person.birth
    if person.year_only and source in ("border", "host", "application"):
        return f"{year}" if rng.random() < 0.5 else f"{year}-01-01"
    if rng.random() < rates["date_partial"]:
        return f"{year}" if rng.random() < 0.6 else f"{year}-{month:02d}"
    if rng.random() < rates["date_swap"] and day <= 12:
        month, day = day, month
    if rng.random() < rates["date_year_off"]:
        year += rng.choice((-1, 1))
    if rng.random() < rates["date_digit"]:
        day = min(max(1, (day // 10) * 10 + rng.randint(0, 9)), 28)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _address(rng: random.Random, person: Person, style: str, rates: dict) -> tuple[str, str]:
    if rng.random() >= rates["address"]:
        return "", ""
    street, house, flat, locality = person.address
    if rng.random() < rates["other_address"]:  # a hotel or a friend's flat
        street, house, flat, other_place = new_address(rng)
        locality = locality if rng.random() < 0.5 else other_place
    name = names.streets()[street]
    az_place, ru_place, en_place = names.LOCALITIES[locality]
    if style == "russian":
        return f"ул. {az_russian(name)}, д. {house}" + (f", кв. {flat}" if flat else ""), ru_place
    if style in ("passport", "russian_latin", "english"):
        return f"{az_english(name)} str. {house}" + (f", apt. {flat}" if flat else ""), en_place
    return f"{name} küç. {house}" + (f", m. {flat}" if flat else ""), az_place


def record(rng: random.Random, person: Person, source: str) -> dict:
    rates = CORRUPTION[source]
    style = pick(rng, STYLES[source])
    if source == "registry" and person.nationality == "AZE":
        style = "native" if rng.random() < 0.97 else "russian"
    if person.origin == "en" and style in ("russian", "russian_latin"):
        style = "native"
    given = _write_name(rng, person, person.given, style)
    surname = _write_name(rng, person, person.surname, style)
    patronymic = _patronymic(rng, person, style) if rng.random() < rates["patronymic"] else ""
    if rng.random() < rates["name_typo"]:
        given = typo(rng, given)
    if rng.random() < rates["name_typo"]:
        surname = typo(rng, surname)
    if rng.random() < rates["swap_names"]:
        given, surname = surname, given
    if source == "border" or (source == "host" and rng.random() < 0.2):
        given, surname, patronymic = given.upper(), surname.upper(), patronymic.upper()
    sex = person.sex
    if rng.random() < rates["sex_wrong"]:
        sex = "F" if sex == "M" else "M"
    if rng.random() < rates["sex_missing"]:
        sex = ""
    nationality = person.nationality
    if rng.random() < rates["nationality_wrong"]:
        nationality = rng.choice(["AZE", "RUS", "TUR", "IRN", "GEO", "UKR", "IRQ", "SYR"])
    if rng.random() < rates["nationality_missing"]:
        nationality = ""
    # An application is made with the passport in hand; other sources saw any of them.
    document = person.passports[-1] if source == "application" else rng.choice(person.passports)
    if source == "registry" and person.nationality == "AZE":
        document = ""  # citizens are in the registry by FIN and identity card
    if rng.random() < rates["doc_typo"] and document:
        document = _document_typo(rng, document)
    if rng.random() < rates["doc_missing"]:
        document = ""
    if document and source == "host" and rng.random() < 0.2:
        document = f"{document[:2]} {document[2:]}"  # typed with a space
    national_id = ""
    if person.fin and (source == "registry" or (source == "application" and rng.random() < 0.5)):
        national_id = person.fin if rng.random() > 0.01 else typo(rng, person.fin.lower()).upper()
    address, locality = _address(rng, person, style, rates)
    return {
        "given_name": given,
        "surname": surname,
        "patronymic": patronymic,
        "birth_date": _birth_date(rng, person, rates, source),
        "sex": sex,
        "nationality": nationality,
        "document_number": document,
        "national_id": national_id,
        "address": address,
        "locality": locality,
    }


def _sources(rng: random.Random) -> list[str]:
    count = pick(rng, RECORDS_PER_PERSON)
    chosen: list[str] = []
    while len(chosen) < count:
        source = pick(rng, SOURCES)
        if source == "registry" and "registry" in chosen:
            continue  # one registry entry per person
        chosen.append(source)
    return chosen


def generate(persons: int, directory: Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write records.csv and truth.csv for ``persons`` persons; returns their paths."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[int, dict]] = []
    people: list[Person] = []
    for number in range(persons):
        sibling_of = rng.choice(people) if people and rng.random() < SIBLING_SHARE else None
        person = new_person(rng, number, sibling_of)
        if len(people) < 50_000:  # siblings are drawn from a bounded pool (memory)
            people.append(person)
        else:
            people[rng.randrange(len(people))] = person
        rows.extend((number, record(rng, person, source)) for source in _sources(rng))
    order = list(range(len(rows)))
    rng.shuffle(order)
    records_path, truth_path = directory / "records.csv", directory / "truth.csv"
    with (
        records_path.open("w", newline="", encoding="utf-8") as records_file,
        truth_path.open("w", newline="", encoding="utf-8") as truth_file,
    ):
        records_out, truth_out = csv.writer(records_file), csv.writer(truth_file)
        records_out.writerow(COLUMNS)
        truth_out.writerow(["id", "person"])
        for position, index in enumerate(order):
            number, values = rows[index]
            record_id = f"r{position:08d}"
            records_out.writerow([record_id, *(values[c] for c in COLUMNS[1:])])
            truth_out.writerow([record_id, f"p{number}"])
    return records_path, truth_path


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    seed = SEED
    if "--seed" in argv:
        at = argv.index("--seed")
        seed = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    persons, directory = int(argv[0]), Path(argv[1])
    records_path, _ = generate(persons, directory, seed)
    print(records_path)


if __name__ == "__main__":
    main()
