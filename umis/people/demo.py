"""Synthetic persons for the demo and for benchmarks: never real people.

Names come from Faker locales, in the script a person's documents would use, with the
Latin form transliterated. Nationality follows the locale. Azerbaijani names are given
to foreigners of Georgia and Russia (large Azerbaijani communities live there) and to
stateless persons (XXA): the registry holds foreigners and stateless persons only, so
AZE never appears as a nationality. Every person gets a passport (or, if stateless or a
refugee, a travel document) with a valid MRZ.

Everything goes through the services, audited as the system, in one transaction; the
same seed gives the same persons (dates are anchored to a fixed day, not to today).
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from faker import Faker

from umis.accounts.models import District
from umis.people.dates import PartialDate
from umis.people.demo_names import PERSIAN_GIVEN_FEMALE, PERSIAN_GIVEN_MALE, PERSIAN_SURNAMES
from umis.people.models import DocumentType, Person
from umis.people.mrz import mrz_build
from umis.people.names import latin_form
from umis.people.services import document_add, person_assign_fin, person_create

ANCHOR = date(2025, 1, 1)
# What `manage.py seed_demo` seeds unless told otherwise; the state systems' simulators
# draw their citizens and taxpayers from the same seed.
DEMO_SEED = 2026
DEMO_PERSONS = 1000
# Share of demo persons who already hold a FIN, as holders of an earlier permit would,
# so that search by FIN can be tried. FINs themselves are random, by design.
FIN_HOLDER_SHARE = 0.4


@dataclass(frozen=True)
class Origin:
    locale: str
    weight: int
    nationalities: tuple[str, ...]  # drawn uniformly; repeat a code to weight it
    has_patronymic: bool = False


ORIGINS = (
    Origin("ru_RU", 22, ("RUS", "RUS", "RUS", "KAZ", "BLR"), has_patronymic=True),
    Origin("tr_TR", 18, ("TUR",)),
    Origin("az_AZ", 14, ("GEO", "GEO", "RUS", "XXA")),
    Origin("fa_IR", 14, ("IRN", "IRN", "IRN", "XXB")),
    Origin("ka_GE", 12, ("GEO",)),
    Origin("en_IN", 12, ("IND",)),
    Origin("zh_CN", 8, ("CHN",)),
)
# Who issues a stateless person's or a refugee's travel document: the state of residence.
TRAVEL_DOCUMENT_ISSUERS = {"XXA": ("GEO", "RUS", "UKR"), "XXB": ("AZE",)}


def _persian_names(rng: random.Random, sex: str) -> dict[str, str]:
    given = rng.choice(PERSIAN_GIVEN_FEMALE if sex == "F" else PERSIAN_GIVEN_MALE)
    surname = rng.choice(PERSIAN_SURNAMES)
    return {
        "surname_native": surname[0],
        "given_names_native": given[0],
        "patronymic_native": "",
        "surname_latin": surname[1],
        "given_names_latin": given[1],
        "patronymic_latin": "",
    }


def _names(fake: Faker, origin: Origin, sex: str) -> dict[str, str]:
    if origin.locale == "fa_IR":
        return _persian_names(fake.random, sex)
    female = sex == "F"
    # Faker's lists carry the odd stray full stop ("Emine."); documents never do.
    given = (fake.first_name_female() if female else fake.first_name_male()).strip(" .")
    surname = (fake.last_name_female() if female else fake.last_name_male()).strip(" .")
    patronymic = ""
    if origin.has_patronymic:
        patronymic = fake.middle_name_female() if female else fake.middle_name_male()
        patronymic = patronymic.strip(" .")
    return {
        "surname_native": surname,
        "given_names_native": given,
        "patronymic_native": patronymic,
        "surname_latin": latin_form(surname),
        "given_names_latin": latin_form(given),
        "patronymic_latin": latin_form(patronymic) if patronymic else "",
    }


def _birth_date(rng: random.Random) -> PartialDate:
    day = ANCHOR - timedelta(days=rng.randint(18 * 365, 75 * 365))
    roll = rng.random()
    if roll < 0.04:
        return PartialDate(day.year)
    if roll < 0.06:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _document_number(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(2))
    return letters + "".join(rng.choice(string.digits) for _ in range(7))


@dataclass(frozen=True)
class DemoPersonSpec:
    """One synthetic person as drawn, before anything is stored: the same seed always
    draws the same people, so other simulated systems (the border's crossings) can speak
    of the very persons the demo registry holds."""

    names: dict[str, str]
    birth: PartialDate
    sex: str
    nationality: str
    phone: str
    district_draw: float  # where in the list of districts the place of stay falls
    address: str
    document_type: str
    document_code: str
    issuing_state: str
    document_number: str
    issue_date: date
    expiry_date: date
    holds_fin: bool


def demo_person_specs(*, count: int, seed: int) -> list[DemoPersonSpec]:
    """The synthetic persons of ``seed``, drawn without touching the database."""
    rng = random.Random(seed)
    fakers: dict[str, Faker] = {}
    for origin in ORIGINS:
        fakers[origin.locale] = Faker(origin.locale)
        fakers[origin.locale].seed_instance(seed)
    weights = [origin.weight for origin in ORIGINS]
    specs: list[DemoPersonSpec] = []
    for _index in range(count):
        origin = rng.choices(ORIGINS, weights=weights)[0]
        fake = fakers[origin.locale]
        nationality = rng.choice(origin.nationalities)
        sex = "F" if rng.random() < 0.45 else "M"
        names = _names(fake, origin, sex)
        birth = _birth_date(rng)
        phone = (
            f"+994 {rng.choice(['50', '51', '55', '70', '77'])} "
            f"{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        )
        district_draw = rng.random()
        address = fake.street_address() if origin.locale != "zh_CN" else ""
        if nationality in TRAVEL_DOCUMENT_ISSUERS:
            issuer = rng.choice(TRAVEL_DOCUMENT_ISSUERS[nationality])
            kind = (
                DocumentType.STATELESS_TRAVEL_DOCUMENT
                if nationality == "XXA"
                else DocumentType.REFUGEE_TRAVEL_DOCUMENT
            )
            code, years = "PT", 5
        else:
            issuer, kind, code, years = nationality, DocumentType.PASSPORT, "P", 10
        issued = ANCHOR - timedelta(days=rng.randint(30, years * 365 - 30))
        specs.append(
            DemoPersonSpec(
                names=names,
                birth=birth,
                sex=sex,
                nationality=nationality,
                phone=phone,
                district_draw=district_draw,
                address=address,
                document_type=kind,
                document_code=code,
                issuing_state=issuer,
                document_number=_document_number(rng),
                issue_date=issued,
                expiry_date=issued + timedelta(days=years * 365 + years // 4 - 1),
                holds_fin=rng.random() < FIN_HOLDER_SHARE,
            )
        )
    return specs


def generate_demo_persons(
    *, count: int, seed: int, districts: Sequence[District] | None
) -> list[Person]:
    district_list = list(districts or [])
    persons: list[Person] = []
    with transaction.atomic():
        for spec in demo_person_specs(count=count, seed=seed):
            district = (
                district_list[int(spec.district_draw * len(district_list))]
                if district_list
                else None
            )
            person = person_create(
                actor=None,
                birth_date=spec.birth,
                sex=spec.sex,
                nationality=spec.nationality,
                phone=spec.phone,
                place_of_stay_district=district,
                address=spec.address,
                **spec.names,
            )
            document_add(
                person=person,
                actor=None,
                type=spec.document_type,
                number=spec.document_number,
                issuing_state=spec.issuing_state,
                issue_date=spec.issue_date,
                expiry_date=spec.expiry_date,
                mrz=mrz_build(
                    document_code=spec.document_code,
                    surname=person.surname_latin,
                    given_names=person.given_names_latin,
                    document_number=spec.document_number,
                    issuing_state=spec.issuing_state,
                    nationality=spec.nationality,
                    birth_date=spec.birth,
                    sex=spec.sex,
                    expiry_date=spec.expiry_date,
                ),
                is_primary=True,
            )
            if spec.holds_fin:
                person.fin = person_assign_fin(person=person, actor=None)
            persons.append(person)
    return persons


# Spellings a clerk or another country's passport office gives the same Cyrillic name.
_LATIN_VARIANTS = (
    ("kh", "h"),
    ("ey", "ei"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("iy", "y"),
    ("zh", "j"),
    ("ts", "tz"),
    ("ev", "yev"),
)


def _variant(latin: str) -> str:
    lowered = latin.lower()
    for old, new in _LATIN_VARIANTS:
        if old in lowered:
            words = lowered.replace(old, new, 1).split(" ")
            return " ".join(word[:1].upper() + word[1:] for word in words)
    return latin


def _second_file(person: Person, kind: str) -> dict:
    """The same person as an officer elsewhere would have typed them."""
    birth = person.birth_date
    data = {
        "surname_latin": person.surname_latin,
        "given_names_latin": person.given_names_latin,
        "birth_date": birth,
        "sex": person.sex,
        "nationality": person.nationality,
        "place_of_stay_district": person.place_of_stay_district,
    }
    if kind == "swapped":  # day and month read the other way round
        data["birth_date"] = PartialDate(birth.year, birth.day, birth.month)
    else:  # written from the Cyrillic, with another transliteration
        data.update(
            surname_latin=_variant(person.surname_latin),
            given_names_latin=_variant(person.given_names_latin),
            surname_native=person.surname_native,
            given_names_native=person.given_names_native,
        )
    return data


def generate_demo_duplicates(*, persons: Sequence[Person], seed: int, count: int = 4) -> int:
    """Second files of a few demo persons (another transliteration of their Cyrillic name,
    or day and month swapped), so that the duplicate queue has work in it. Returns how
    many potential duplicates were raised."""
    from umis.people.models import PotentialDuplicate

    rng = random.Random(seed)
    eligible = [
        p
        for p in persons
        if p.birth_day
        and p.birth_day <= 12
        and p.birth_day != p.birth_month
        and any("\u0400" <= c <= "\u04ff" for c in p.surname_native)
    ]
    rng.shuffle(eligible)
    raised = 0
    with transaction.atomic():
        before = PotentialDuplicate.objects.count()
        for index, person in enumerate(eligible[: count * 3]):
            if PotentialDuplicate.objects.count() - before >= count:
                break
            person_create(actor=None, **_second_file(person, ("swapped", "script")[index % 2]))
        raised = PotentialDuplicate.objects.count() - before
    return raised
