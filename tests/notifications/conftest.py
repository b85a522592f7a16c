import itertools

import pytest

from umis.accounts.models import District, User
from umis.accounts.roles import Role
from umis.cases.services import application_create_draft

_numbers = itertools.count(1)


@pytest.fixture
def applicant_factory(db):
    def make(**fields):
        n = next(_numbers)
        fields.setdefault("email", f"applicant{n}@example.org")
        return User.objects.create_user(
            username=f"notified{n}", password="x", role=Role.APPLICANT, **fields
        )

    return make


@pytest.fixture
def draft_factory():
    def make(applicant):
        return application_create_draft(
            applicant=applicant,
            service_code="temporary_residence",
            form_data={"purpose": "work"},
            place_of_stay_district=District.objects.get(code="gusar"),
        )

    return make


@pytest.fixture
def reception(staff_user_factory):
    return staff_user_factory(role=Role.RECEPTION_OFFICER, with_device=False)
