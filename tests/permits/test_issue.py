"""Issuing an application creates its permit: holder, FIN, validity, number, history, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.cases.office_helpers import checks_cleared_by_officer, move
from tests.permits.conftest import approve_and_issue, issue, submit
from umis.audit.models import AuditEntry
from umis.cases.models import Application
from umis.cases.services import application_create_draft, application_transition
from umis.people.models import IdentityDocument, Person
from umis.people.services import document_add, person_create
from umis.permits.models import Permit
from umis.permits.services import permit_issue
from umis.permits.types import PermitType

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


def test_issuing_a_temporary_residence_permit_creates_the_permit(applicant, staff):
    permit = issue(applicant, staff, period="12m")
    assert permit.permit_type == PermitType.TEMPORARY_RESIDENCE
    assert permit.number == f"TRP-{today().year}-0000001"
    assert permit.status == "active"
    # A period runs from the day after the event: a year from today ends on the same date.
    assert permit.valid_from == today()
    assert permit.valid_to == today().replace(year=today().year + 1)
    assert permit.issuing_department.code == "khachmaz"
    assert permit.issued_by == staff["reception"]
    assert permit.application.status == "issued"
    [event] = permit.events.all()
    assert (event.action, event.to_status, event.actor) == ("issue", "active", staff["reception"])


@pytest.mark.parametrize(("period", "months"), [("3m", 3), ("6m", 6), ("24m", 24), ("36m", 36)])
def test_the_permit_is_valid_for_the_period_asked(applicant, staff, period, months):
    from dateutil.relativedelta import relativedelta

    permit = issue(applicant, staff, period=period)
    assert (permit.valid_from, permit.valid_to) == (today(), today() + relativedelta(months=months))


def test_a_registration_is_valid_from_arrival_to_the_registered_end_of_stay(applicant, staff):
    arrival, until = today() - timedelta(days=3), today() + timedelta(days=40)
    permit = issue(
        applicant,
        staff,
        "stay-registration",
        arrival_date=str(arrival),
        stay_until=str(until),
    )
    assert permit.permit_type == PermitType.REGISTRATION
    assert permit.number.startswith(f"REG-{today().year}-")
    assert (permit.valid_from, permit.valid_to) == (arrival, until)
    # The confirmation page computes the same period (one rule, not two).
    from umis.cases.confirmation import registration_confirmation

    confirmation = registration_confirmation(permit.application)
    assert (confirmation.registered_from, confirmation.registered_until) == (arrival, until)


def test_a_change_of_address_is_registered_from_the_day_of_moving(applicant, staff):
    moved = today() - timedelta(days=1)
    permit = issue(
        applicant, staff, "stay-registration", reason="address_change", moved_on=str(moved)
    )
    assert permit.valid_from == moved


def test_each_type_has_its_own_series(applicant, staff):
    first = issue(applicant, staff)
    registration = issue(applicant, staff, "stay-registration")
    second = issue(applicant, staff, document_number="P99999999")
    assert first.number.endswith("-0000001")
    assert registration.number.endswith("-0000001")
    assert second.number.endswith("-0000002")
    assert len({first.number, registration.number, second.number}) == 3


def test_the_fin_is_assigned_at_the_first_permit_and_reused_at_the_second(applicant, staff):
    first = issue(applicant, staff)
    holder = Person.objects.get(pk=first.holder_id)
    assert holder.fin and first.fin == holder.fin
    # The same passport and birth date: the same person, the same FIN, no second file.
    second = issue(applicant, staff, period="24m")
    assert second.holder_id == first.holder_id
    assert second.fin == first.fin
    assert Person.objects.count() == 1
    assert AuditEntry.objects.filter(action="person.fin_assign").count() == 1


def test_a_registration_gives_no_fin_but_shows_the_one_the_holder_has(applicant, staff):
    registration = issue(applicant, staff, "stay-registration")
    assert registration.fin == ""
    assert Person.objects.get(pk=registration.holder_id).fin is None
    permit = issue(applicant, staff)
    later = issue(applicant, staff, "stay-registration", address="Nizami street 9")
    assert permit.holder_id == registration.holder_id == later.holder_id
    assert later.fin == permit.fin


def test_the_holder_is_created_from_the_form_and_linked_to_the_application(applicant, staff):
    permit = issue(applicant, staff)
    holder = permit.holder
    assert (holder.surname_latin, holder.given_names_latin) == ("Rezaei", "Mohammad Reza")
    assert (holder.birth_year, holder.birth_month, holder.birth_day) == (1988, 4, 17)
    assert holder.nationality == "IRN"
    assert holder.place_of_stay_district.code == "gusar"
    [document] = IdentityDocument.objects.filter(person=holder)
    assert document.number == "P12345678"
    assert Application.objects.get(pk=permit.application_id).person_id == holder.pk


def test_a_person_on_file_with_the_same_document_and_birth_date_is_the_holder(applicant, staff):
    known = person_create(
        actor=None,
        surname_latin="Rezai",  # spelt differently: the document and birth date decide
        birth_date=date(1988, 4, 17),
        sex="M",
        nationality="IRN",
    )
    document_add(
        person=known,
        actor=None,
        type="passport",
        number="P 1234-5678",
        issuing_state="IRN",
        expiry_date=today() + timedelta(days=900),
    )
    assert issue(applicant, staff).holder_id == known.pk


def test_a_different_birth_date_with_the_same_document_is_another_person(applicant, staff):
    first = issue(applicant, staff)
    other = issue(applicant, staff, birth_date="1990-01-01")
    assert other.holder_id != first.holder_id


def test_the_person_the_application_is_linked_to_is_the_holder(applicant, staff):
    person = person_create(
        actor=None, surname_latin="Linked", birth_date=date(1970, 1, 1), sex="F", nationality="GEO"
    )
    application = submit(applicant)
    Application.objects.filter(pk=application.pk).update(person=person)
    application.refresh_from_db()
    application = approve_and_issue(application, staff)
    assert Permit.objects.get(application=application).holder_id == person.pk


def test_issuing_is_audited_in_the_same_transaction(applicant, staff):
    permit = issue(applicant, staff)
    entry = AuditEntry.objects.get(action="permit.issue")
    assert entry.target_id == permit.number
    assert entry.actor_username == staff["reception"].username
    assert entry.details["application"] == permit.application.number
    assert entry.details["person_id"] == permit.holder_id
    assert AuditEntry.objects.filter(action="person.create").count() == 1


def test_a_second_call_returns_the_permit_already_issued(applicant, staff, trp_permit):
    again = permit_issue(application=trp_permit.application, actor=staff["reception"])
    assert again == trp_permit
    assert Permit.objects.count() == 1


def test_a_service_without_a_declared_permit_issues_none(applicant, staff):
    application = application_create_draft(
        applicant=applicant, service_code="not-a-service", form_data={}
    )
    application.place_of_stay_district_id = staff["case"].department.districts.first().pk
    application.save()
    move(
        application,
        ("submit", applicant),
        ("accept", staff["reception"]),
        ("start_review", staff["case"]),
        ("propose_approval", staff["case"]),
        ("approve", staff["head"]),
        ("issue", staff["reception"]),
    )
    assert Permit.objects.count() == 0


def test_a_failure_to_issue_the_permit_leaves_the_application_approved(
    applicant, staff, monkeypatch
):
    application = submit(applicant)
    application = move(
        application,
        ("accept", staff["reception"]),
        ("start_review", staff["case"]),
        ("propose_approval", staff["case"]),
    )
    application = checks_cleared_by_officer(application, staff["case"])
    application = move(application, ("approve", staff["head"]))

    def broken(**kwargs):
        raise RuntimeError("the series table is gone")

    monkeypatch.setattr("umis.permits.writes.next_permit_number", broken)
    with pytest.raises(RuntimeError):
        application_transition(
            application=application, transition="issue", actor=staff["reception"]
        )
    assert Application.objects.get(pk=application.pk).status == "approved"
    assert Permit.objects.count() == 0
    assert not AuditEntry.objects.filter(action="application.issue").exists()
