"""The office API: the error shape for bad input, jurisdiction as 404, audited reads."""

from __future__ import annotations

from datetime import date

import pytest

from tests.people.conftest import passport_mrz
from umis.audit.models import AuditEntry
from umis.people.models import Person

pytestmark = pytest.mark.django_db

BASE = "/api/v1/office/people/"
NEW_PERSON = {
    "surname_latin": "Beridze",
    "given_names_latin": "Giorgi",
    "surname_native": "ბერიძე",
    "given_names_native": "გიორგი",
    "birth_date": "1990-07",
    "sex": "M",
    "nationality": "GEO",
}


@pytest.fixture
def north(client, login, north_officer):
    return login(client, north_officer)


def _error(response, status=422):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_create_read_update_and_add_a_document(north, districts):
    created = north.post(
        BASE,
        {**NEW_PERSON, "place_of_stay_district": districts["north"].pk},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    person_id = created.json()["id"]
    assert created.json()["birth_date"] == "1990-07"

    patched = north.patch(
        f"{BASE}{person_id}",
        {"phone": "+994 55 111 22 33", "reason": "Phone given at the window"},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["phone"] == "+994 55 111 22 33"
    assert patched.json()["given_names_native"] == "გიორგი"

    person = Person.objects.get(pk=person_id)
    document = north.post(
        f"{BASE}{person_id}/documents",
        {
            "type": "passport",
            "number": "15AA12345",
            "issuing_state": "GEO",
            "issue_date": "2020-01-10",
            "expiry_date": "2030-01-09",
            "mrz": passport_mrz(person, number="15AA12345", expiry=date(2030, 1, 9)),
        },
        content_type="application/json",
    )
    assert document.status_code == 201, document.content

    detail = north.get(f"{BASE}{person_id}").json()
    assert detail["documents"][0]["number"] == "15AA12345"
    assert detail["nationality_name"] == "Georgia"
    assert detail["birth_date_display"] == "July 1990"
    actions = list(
        AuditEntry.objects.filter(target_id=str(person_id))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["person.create", "person.update", "document.add", "person.view"]


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"given_names_latin": "Гиорги"}, "given_names_latin", "may contain only Latin letters"),
        ({"nationality": "QQQ"}, "nationality", "not a known code"),
        ({"birth_date": "2999-01-01"}, "birth_date", "cannot be in the future"),
        ({"birth_date": "soon"}, "birth_date", "YYYY-MM-DD"),
        ({"sex": None}, "sex", ""),
        ({"surname_latin": "x" * 201}, "surname_latin", "at most 200"),
    ],
)
def test_bad_person_input_is_a_422_naming_the_field(north, change, field, expected):
    response = north.post(BASE, {**NEW_PERSON, **change}, content_type="application/json")
    error = _error(response)
    assert error["code"] == "validation_error"
    assert field in error["fields"]
    assert expected in error["fields"][field]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"mrz": "bad"}, "mrz", "two lines"),
        ({"expiry_date": "2019-01-01"}, "expiry_date", "after the date of issue"),
        ({"issuing_state": "XX1"}, "issuing_state", "not a known code"),
    ],
)
def test_bad_document_input_is_a_422_naming_the_field(north, make_person, change, field, expected):
    person = make_person()
    payload = {
        "type": "passport",
        "number": "C01X00T47",
        "issuing_state": "RUS",
        "issue_date": "2021-05-21",
        "expiry_date": "2031-05-20",
        **change,
    }
    error = _error(
        north.post(f"{BASE}{person.pk}/documents", payload, content_type="application/json")
    )
    assert expected in error["fields"][field]


def test_wrong_mrz_check_digit_via_the_api(north, make_person):
    person = make_person()
    line1, line2 = passport_mrz(person).split("\n")
    bad = f"{line1}\n{line2[:19]}{(int(line2[19]) + 1) % 10}{line2[20:]}"
    payload = {
        "type": "passport",
        "number": "C01X00T47",
        "issuing_state": "RUS",
        "expiry_date": "2031-05-20",
        "mrz": bad,
    }
    error = _error(
        north.post(f"{BASE}{person.pk}/documents", payload, content_type="application/json")
    )
    assert error["fields"] == {"mrz": "The check digit of the date of birth is wrong."}


def test_other_regions_persons_do_not_exist_for_a_regional_officer(
    client, login, north_officer, make_person
):
    southern = make_person(district="south")
    login(client, north_officer)
    assert _error(client.get(f"{BASE}{southern.pk}"), 404)["code"] == "not_found"
    assert (
        client.patch(
            f"{BASE}{southern.pk}", {"phone": "+994 12 345 67 89"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.post(f"{BASE}{southern.pk}/fin").status_code == 404
    assert client.get(BASE, {"q": "Mamedov"}).json() == []
    assert not AuditEntry.objects.filter(action="person.view").exists()


def test_headquarters_sees_every_region_and_each_read_is_audited(
    client, login, hq_officer, make_person
):
    southern = make_person(district="south")
    login(client, hq_officer)
    for _ in range(2):
        assert client.get(f"{BASE}{southern.pk}", {"reason": "Case 12"}).status_code == 200
    views = AuditEntry.objects.filter(action="person.view", target_id=str(southern.pk))
    assert views.count() == 2
    assert {v.actor_username for v in views} == {"hq-officer"}
    assert {v.reason for v in views} == {"Case 12"}
    assert [p["id"] for p in client.get(BASE, {"q": "мамедов"}).json()] == [southern.pk]


def test_fin_is_assigned_once_through_the_api(north, make_person):
    person = make_person()
    first = north.post(f"{BASE}{person.pk}/fin").json()["fin"]
    assert north.post(f"{BASE}{person.pk}/fin").json()["fin"] == first
    assert north.get(BASE, {"q": first.lower()}).json()[0]["id"] == person.pk


def test_without_a_verified_second_factor_nothing_is_served(client, north_officer, make_person):
    person = make_person()
    client.force_login(north_officer)
    assert client.get(f"{BASE}{person.pk}").status_code == 401
    assert not AuditEntry.objects.filter(action="person.view").exists()


def test_a_role_without_the_permission_is_refused(client, login, departments, make_person):
    from umis.accounts.models import User
    from umis.accounts.roles import Role

    analyst = User.objects.create_user(
        username="analyst",
        password="x-long-password-1",
        role=Role.ANALYST,
        department=departments["hq"],
    )
    login(client, analyst)
    person = make_person()
    assert client.get(f"{BASE}{person.pk}").status_code == 403
    assert client.get(BASE, {"q": "Mamedov"}).status_code == 403


def test_out_of_range_ids_and_control_characters_are_not_a_500(north, districts):
    huge = 10**30
    assert north.get(f"{BASE}{huge}").status_code == 404
    response = north.post(
        BASE, {**NEW_PERSON, "place_of_stay_district": huge}, content_type="application/json"
    )
    assert set(_error(response)["fields"]) == {"place_of_stay_district"}
    # A NUL character is refused where the request arrives, naming its field.
    response = north.post(
        BASE, {**NEW_PERSON, "address": "Flat 1\x00"}, content_type="application/json"
    )
    assert set(_error(response)["fields"]) == {"address"}
    search = north.get(BASE, {"q": "Mamedov\x00"})
    assert search.status_code == 422
    assert set(search.json()["error"]["fields"]) == {"q"}
