import itertools

import pytest

from tests.cases.checks_helpers import confirmed_applicant
from tests.cases.office_helpers import move
from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.accounts.roles import Role
from umis.cases.intake import application_apply_online
from umis.cases.models import Application
from umis.permits.models import Permit

_numbers = itertools.count(1)


@pytest.fixture
def applicant(db):
    return confirmed_applicant(f"applicant{next(_numbers)}")


@pytest.fixture
def staff(staff_user_factory):
    """The Khachmaz department's people, an HQ officer, and Ganja's officer and head."""
    return {
        "reception": staff_user_factory(Role.RECEPTION_OFFICER, first_name="Rəna"),
        "case": staff_user_factory(Role.CASE_OFFICER, first_name="Kamran"),
        "head": staff_user_factory(Role.APPROVING_OFFICER, first_name="Həsən"),
        "head2": staff_user_factory(Role.APPROVING_OFFICER, first_name="Nigar"),
        "hq": staff_user_factory(Role.HQ_OFFICER, department="hq"),
        "ganja": staff_user_factory(Role.CASE_OFFICER, department="ganja"),
        "ganja_head": staff_user_factory(Role.APPROVING_OFFICER, department="ganja"),
    }


def submit(applicant, service: str = "trp-issue", **changes) -> Application:
    data = (trp_issue_data if service == "trp-issue" else stay_registration_data)(**changes)
    application, _code = application_apply_online(
        applicant=applicant, service_code=service, form_data=data
    )
    return application


def approve_and_issue(application: Application, staff) -> Application:
    return move(
        application,
        ("accept", staff["reception"]),
        ("start_review", staff["case"]),
        ("propose_approval", staff["case"]),
        ("approve", staff["head"]),
        ("issue", staff["reception"]),
    )


def issue(applicant, staff, service: str = "trp-issue", **changes) -> Permit:
    """A permit the whole way: applied, accepted, reviewed, proposed, approved by the head
    and issued by reception (the officers decide the stay registration here too)."""
    application = approve_and_issue(submit(applicant, service, **changes), staff)
    return Permit.objects.get(application=application, replaces__isnull=True)


@pytest.fixture
def trp_permit(applicant, staff) -> Permit:
    return issue(applicant, staff)
