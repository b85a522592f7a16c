"""Assignment: heads and headquarters assign within reach, officers take what is free."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.cases.office_helpers import move, submit
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.assignment import application_assign, assignable_officers
from umis.cases.models import Application
from umis.core.errors import Conflict, NotFound, PermissionDeniedError, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(staff_user_factory):
    return {
        "reception": staff_user_factory(Role.RECEPTION_OFFICER, username="rena"),
        "case": staff_user_factory(Role.CASE_OFFICER, username="kamran"),
        "case2": staff_user_factory(Role.CASE_OFFICER, username="aysel"),
        "head": staff_user_factory(Role.APPROVING_OFFICER, username="hasan"),
        "hq": staff_user_factory(Role.HQ_OFFICER, department="hq", username="hq"),
        "ganja": staff_user_factory(Role.CASE_OFFICER, department="ganja", username="elvin"),
        "ganja_head": staff_user_factory(
            Role.APPROVING_OFFICER, department="ganja", username="orxan"
        ),
    }


def assign(application, assignee, actor, version=None):
    return application_assign(
        application=application,
        assignee=assignee,
        actor=actor,
        expected_version=version or application.version,
    )


def test_a_head_assigns_and_reassigns_with_history_and_audit(applicant, staff):
    application = submit(applicant)
    application = assign(application, staff["case"], staff["head"])
    assert application.assigned_to == staff["case"]
    application = assign(application, staff["case2"], staff["head"])
    assert application.assigned_to == staff["case2"]

    events = list(application.events.filter(transition="assign").order_by("id"))
    assert [e.details for e in events] == [
        {"assignee": "kamran", "previous": ""},
        {"assignee": "aysel", "previous": "kamran"},
    ]
    assert events[0].actor == staff["head"]
    audited = AuditEntry.objects.filter(action="application.assign", target_id=application.number)
    assert audited.count() == 2


def test_headquarters_assigns_anywhere_to_an_officer_of_the_district(applicant, staff):
    application = submit(applicant, district="ganja")
    application = assign(application, staff["ganja"], staff["hq"])
    assert application.assigned_to == staff["ganja"]


def test_the_assignee_must_review_cases_of_that_district(applicant, staff):
    application = submit(applicant)
    with pytest.raises(ValidationFailed) as caught:
        assign(application, staff["ganja"], staff["head"])  # another department
    assert "assignee" in caught.value.fields
    with pytest.raises(ValidationFailed):
        assign(application, staff["reception"], staff["head"])  # does not review cases
    assert set(assignable_officers(application)) == {
        staff["case"],
        staff["case2"],
        staff["head"],
        staff["hq"],
    }


def test_a_case_officer_cannot_assign_but_may_take_a_free_case(applicant, staff):
    application = submit(applicant)
    with pytest.raises(PermissionDeniedError):
        assign(application, staff["case2"], staff["case"])
    taken = assign(application, staff["case"], staff["case"])
    assert taken.assigned_to == staff["case"]
    assert taken.events.filter(transition="take").exists()
    # Once someone has it, another officer cannot take it over.
    with pytest.raises(PermissionDeniedError):
        assign(taken, staff["case2"], staff["case2"])


def test_reception_cannot_take_cases(applicant, staff):
    application = submit(applicant)
    with pytest.raises(PermissionDeniedError):
        assign(application, staff["reception"], staff["reception"])


def test_a_head_of_another_department_does_not_see_the_case(applicant, staff):
    application = submit(applicant)
    with pytest.raises(NotFound):
        assign(application, staff["ganja"], staff["ganja_head"])


def test_a_stale_version_is_a_conflict_and_closed_cases_are_not_assigned(applicant, staff):
    application = submit(applicant)
    seen = application.version
    assign(application, staff["case"], staff["head"])
    with pytest.raises(Conflict):
        assign(application, staff["case2"], staff["head"], version=seen)
    returned = move(submit(applicant), ("return", staff["reception"]))
    with pytest.raises(Conflict):
        assign(returned, staff["case"], staff["head"])


# --- the pages --------------------------------------------------------------------------


def page(application):
    return f"/office/applications/{application.number}/"


def test_the_head_assigns_from_the_page(applicant, staff, verified_client):
    application = submit(applicant)
    client = verified_client(staff["head"])
    html = client.get(page(application)).content.decode()
    assert "Assign" in html and 'name="assign-assignee"' in html
    response = client.post(
        f"{page(application)}assign/",
        {"assign-expected_version": application.version, "assign-assignee": staff["case"].pk},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).assigned_to == staff["case"]


def test_an_officer_takes_from_the_page_and_the_take_button_then_goes(
    applicant, staff, verified_client
):
    application = submit(applicant)
    client = verified_client(staff["case"])
    html = client.get(page(application)).content.decode()
    assert "Take this application" in html and 'name="assign-assignee"' not in html
    response = client.post(
        f"{page(application)}assign/", {"take": "1", "expected_version": application.version}
    )
    assert response.status_code == 302
    html = client.get(page(application)).content.decode()
    assert "Take this application" not in html


def test_a_forged_assignment_by_an_officer_is_refused_as_a_page(applicant, staff, verified_client):
    application = submit(applicant)
    response = verified_client(staff["case"]).post(
        f"{page(application)}assign/",
        {"assign-expected_version": application.version, "assign-assignee": staff["case2"].pk},
    )
    # case2 is not in the choices an officer would see, but the service decides: 403.
    assert response.status_code == 403
    assert "Only a head of department" in response.content.decode()
    assert Application.objects.get(pk=application.pk).assigned_to is None


# --- the API ----------------------------------------------------------------------------


def api_assign(client: Client, application, assignee: str, version: int):
    return client.post(
        f"/api/v1/office/applications/{application.number}/assign",
        {"assignee": assignee, "expected_version": version},
        content_type="application/json",
    )


def test_the_api_assigns_and_answers_the_documented_errors(applicant, staff, verified_client):
    application = submit(applicant)
    head = verified_client(staff["head"])
    response = api_assign(head, application, "kamran", application.version)
    assert response.status_code == 200, response.json()
    assert response.json()["assigned_to"] == "kamran"
    assert response.json()["version"] == application.version + 1

    assert api_assign(head, application, "kamran", application.version).status_code == 409
    unknown = api_assign(head, application, "nobody", application.version + 1)
    assert unknown.status_code == 422 and "assignee" in unknown.json()["error"]["fields"]
    officer = verified_client(staff["case2"])
    assert api_assign(officer, application, "aysel", application.version + 1).status_code == 403
    ganja = verified_client(staff["ganja_head"])
    assert api_assign(ganja, application, "elvin", application.version + 1).status_code == 404


def test_the_assign_operation_is_documented_with_an_example(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/office/applications/{number}/assign"]["post"]
    assert operation["summary"] == "Assign an application to an officer, or take it"
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    ref = body["$ref"].rsplit("/", 1)[-1]
    assert schema["components"]["schemas"][ref]["examples"]


def test_a_head_assigns_from_the_queue_and_comes_back_to_it(applicant, staff, verified_client):
    application = submit(applicant)
    client = verified_client(staff["head"])
    html = client.get("/office/applications/", {"queue": "new"}).content.decode()
    assert f'for="assign-{application.number}"' in html
    response = client.post(
        f"{page(application)}assign/",
        {
            "assign-expected_version": application.version,
            "assign-assignee": staff["case"].pk,
            "next": "/office/applications/?queue=new",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/office/applications/?queue=new"
    assert Application.objects.get(pk=application.pk).assigned_to == staff["case"]


def test_the_way_back_never_leaves_the_queue(applicant, staff, verified_client):
    application = submit(applicant)
    response = verified_client(staff["head"]).post(
        f"{page(application)}assign/",
        {
            "assign-expected_version": application.version,
            "assign-assignee": staff["case"].pk,
            "next": "https://elsewhere.example/office/applications/",
        },
    )
    assert response["Location"] == page(application)


def test_officers_see_no_assignment_column_in_the_queue(applicant, staff, verified_client):
    application = submit(applicant)
    html = verified_client(staff["case"]).get("/office/applications/").content.decode()
    assert application.number in html
    assert f'for="assign-{application.number}"' not in html
