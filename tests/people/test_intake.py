"""Each application's subject is put on record when the Service takes the case in: linked
to the file that is surely them, else a new file flagged against the ones it may repeat."""

from __future__ import annotations

import pytest

from tests.cases.checks_helpers import apply, confirmed_applicant, keep_test_connection, run_worker
from tests.cases.office_helpers import move
from tests.permits.conftest import issue, submit
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.people.models import IdentityDocument, Person, PotentialDuplicate

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(db):
    return confirmed_applicant("intake-applicant")


@pytest.fixture
def staff(staff_user_factory):
    return {
        "reception": staff_user_factory(Role.RECEPTION_OFFICER),
        "case": staff_user_factory(Role.CASE_OFFICER),
        "head": staff_user_factory(Role.APPROVING_OFFICER),
    }


def accept(application, staff):
    return move(application, ("accept", staff["reception"]))


def test_a_submission_alone_puts_nobody_on_record(applicant):
    application = submit(applicant)
    assert application.person_id is None and not Person.objects.exists()


def test_acceptance_puts_the_subject_on_record_with_the_travel_document(applicant, staff):
    application = accept(submit(applicant, document_number="P98765432"), staff)
    person = application.person
    assert person is not None
    application.refresh_from_db()
    assert application.person_id == person.pk
    form = application.form_data
    assert (person.surname_latin, str(person.birth_date)) == (form["surname"], form["birth_date"])
    [document] = IdentityDocument.objects.filter(person=person)
    assert document.number == "P98765432"
    assert AuditEntry.objects.filter(action="person.create", target_id=str(person.pk)).exists()


def test_the_same_person_applying_again_is_linked_to_their_file(applicant, staff):
    first = accept(submit(applicant, document_number="P98765432"), staff)
    second = accept(
        submit(applicant, surname=first.form_data["surname"].lower(), document_number="P98765432"),
        staff,
    )
    assert second.person_id == first.person_id
    assert Person.objects.count() == 1
    link = AuditEntry.objects.get(action="person.match_link")
    assert link.details["found_by"] == "application.accept"


def test_the_same_names_with_another_document_make_a_new_file_for_an_officer_to_compare(
    applicant, staff
):
    first = accept(submit(applicant, document_number="P98765432"), staff)
    second = accept(submit(applicant, document_number="K11223344"), staff)
    assert second.person_id != first.person_id
    pair = PotentialDuplicate.objects.get()
    assert {pair.first_id, pair.second_id} == {first.person_id, second.person_id}
    assert pair.found_by == "application.accept"


def test_the_permit_holder_is_the_file_made_on_acceptance(applicant, staff):
    permit = issue(applicant, staff)
    assert permit.holder_id == permit.application.person_id
    assert Person.objects.count() == 1


def test_an_automatic_registration_puts_its_subject_on_record(monkeypatch, applicant):
    keep_test_connection(monkeypatch)
    application = apply(applicant, document_number="P55555552")
    run_worker()
    application.refresh_from_db()
    assert application.status == "issued" and application.person_id is not None
    assert application.person.documents.get().number == "P55555552"
