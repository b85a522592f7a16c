"""Departments, districts and staff of our own (not the reference data), and helpers."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import sign_in_with_second_factor
from umis.accounts.models import Department, District, User
from umis.accounts.roles import Role
from umis.people import services
from umis.people.mrz import mrz_build


@pytest.fixture
def departments(db):
    north = Department.objects.create(
        code="test-north", kind=Department.Kind.REGIONAL, name_az="N", name_ru="N", name_en="North"
    )
    south = Department.objects.create(
        code="test-south", kind=Department.Kind.REGIONAL, name_az="S", name_ru="S", name_en="South"
    )
    hq = Department.objects.create(
        code="test-hq", kind=Department.Kind.HEADQUARTERS, name_az="H", name_ru="H", name_en="HQ"
    )
    return {"north": north, "south": south, "hq": hq}


@pytest.fixture
def districts(departments):
    return {
        "north": District.objects.create(
            code="test-north-town",
            department=departments["north"],
            name_az="Şimal",
            name_ru="Север",
            name_en="Northtown",
        ),
        "south": District.objects.create(
            code="test-south-town",
            department=departments["south"],
            name_az="Cənub",
            name_ru="Юг",
            name_en="Southtown",
        ),
    }


def _staff(username: str, role: str, department: Department) -> User:
    return User.objects.create_user(
        username=username, password="a-long-test-password", role=role, department=department
    )


@pytest.fixture
def north_officer(departments):
    return _staff("north-officer", Role.CASE_OFFICER, departments["north"])


@pytest.fixture
def south_officer(departments):
    return _staff("south-officer", Role.CASE_OFFICER, departments["south"])


@pytest.fixture
def hq_officer(departments):
    return _staff("hq-officer", Role.HQ_OFFICER, departments["hq"])


@pytest.fixture
def login():
    """Sign a member of staff in with a verified second factor."""

    def sign_in(client, user):
        return sign_in_with_second_factor(user, client)

    return sign_in


PERSON = {
    "surname_latin": "Mamedov",
    "given_names_latin": "Elvin",
    "surname_native": "Мамедов",
    "given_names_native": "Эльвин",
    "birth_date": "1985-03-14",
    "sex": "M",
    "nationality": "RUS",
}


@pytest.fixture
def make_person(districts):
    def make(district: str | None = "north", actor=None, **overrides):
        data = {**PERSON, **overrides}
        if district is not None:
            data.setdefault("place_of_stay_district", districts[district])
        return services.person_create(actor=actor, **data)

    return make


def passport_mrz(person, *, number="C01X00T47", state=None, expiry=date(2031, 5, 20), **extra):
    return mrz_build(
        surname=person.surname_latin,
        given_names=person.given_names_latin,
        document_number=number,
        issuing_state=state or person.nationality,
        nationality=extra.pop("nationality", person.nationality),
        birth_date=extra.pop("birth_date", person.birth_date),
        sex=extra.pop("sex", person.sex),
        expiry_date=expiry,
    )
