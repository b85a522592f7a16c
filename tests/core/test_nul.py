"""A NUL character from a client is refused where the request arrives, never a fault."""

from __future__ import annotations

import pytest

from tests.cases.test_api import apply, stay_form
from tests.conftest import signed_in_applicant
from umis.accounts.roles import Role
from umis.cases.models import Application
from umis.core.nul import nul_location

MESSAGE = "This text contains a NUL character, which cannot be kept. Remove it."


def test_nul_location_names_the_first_value_or_key_with_one():
    assert nul_location({"a": "fine", "b": ["ok", {"c": "x\x00"}]}) == ("b", 1, "c")
    assert nul_location({"k\x00": 1}) == ("k\x00",)
    assert nul_location({"a": ["ok", 1, None, {"b": "fine"}]}) is None


@pytest.mark.django_db
def test_an_api_body_with_a_nul_is_a_field_error_and_creates_nothing():
    client = signed_in_applicant("nul-applicant")
    form = {**stay_form(), "address": "Nizami küçəsi 5\x00"}
    response = apply(client, {"service_code": "stay-registration", "form_data": form}, key="n-1")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"form_data.address": MESSAGE}
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_an_api_query_with_a_nul_is_a_field_error(staff_user_factory, verified_client):
    officer = verified_client(staff_user_factory(role=Role.HQ_OFFICER, department="hq"))
    response = officer.get("/api/v1/office/applications/", {"status": "submitted\x00"})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"status": MESSAGE}


@pytest.mark.django_db
def test_a_path_with_a_nul_names_nothing(staff_user_factory, verified_client):
    officer = verified_client(staff_user_factory(role=Role.HQ_OFFICER, department="hq"))
    page = officer.get("/office/applications/UMIS-2026-AAAA%00/")
    assert page.status_code == 404
    api = officer.get("/api/v1/office/applications/UMIS-2026-AAAA%00")
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_a_page_query_with_a_nul_gets_the_forms_own_answer(staff_user_factory, verified_client):
    officer = verified_client(staff_user_factory(role=Role.HQ_OFFICER, department="hq"))
    assert officer.get("/office/applications/", {"q": "Rez\x00aei"}).status_code == 200


@pytest.mark.django_db
def test_the_refusal_is_in_the_callers_language(staff_user_factory, verified_client):
    officer = verified_client(staff_user_factory(role=Role.HQ_OFFICER, department="hq"))
    response = officer.get(
        "/api/v1/office/applications/", {"status": "x\x00"}, headers={"Accept-Language": "ru"}
    )
    assert response.json()["error"]["fields"]["status"].startswith("В этом тексте есть символ NUL")
