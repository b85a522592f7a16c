import itertools

import pytest
from django.utils import timezone

from umis.accounts.models import District, User
from umis.accounts.roles import Role
from umis.cases.services import application_create_draft, application_transition

_numbers = itertools.count(1)


@pytest.fixture
def applicant_factory(db):
    def make(**fields):
        # Submitting online needs a confirmed e-mail address; these applicants have one.
        fields.setdefault("email_confirmed_at", timezone.now())
        return User.objects.create_user(
            username=f"applicant{next(_numbers)}", password="x", role=Role.APPLICANT, **fields
        )

    return make


@pytest.fixture
def applicant(applicant_factory):
    return applicant_factory()


@pytest.fixture
def officers(staff_user_factory):
    """The Khachmaz department's reception, case and two approving officers."""
    return {
        "reception": staff_user_factory(role=Role.RECEPTION_OFFICER, with_device=False),
        "case": staff_user_factory(role=Role.CASE_OFFICER, with_device=False),
        "approver": staff_user_factory(role=Role.APPROVING_OFFICER, with_device=False),
        "approver2": staff_user_factory(role=Role.APPROVING_OFFICER, with_device=False),
    }


@pytest.fixture
def draft_factory(applicant):
    def make(district="gusar", owner=None, **kw):
        return application_create_draft(
            applicant=owner or applicant,
            service_code="temporary_residence",
            form_data={"purpose": "work"},
            place_of_stay_district=District.objects.get(code=district) if district else None,
            **kw,
        )

    return make


# The path to each state, as (transition, actor key) pairs; "applicant" is the owner.
PATHS = {
    "draft": [],
    "submitted": [("submit", "applicant")],
    "accepted": [("submit", "applicant"), ("accept", "reception")],
    "returned": [("submit", "applicant"), ("return", "reception")],
    "under_review": [("submit", "applicant"), ("accept", "reception"), ("start_review", "case")],
}
PATHS["awaiting_approval"] = [*PATHS["under_review"], ("propose_approval", "case")]
PATHS["approved"] = [*PATHS["awaiting_approval"], ("approve", "approver")]
PATHS["refused"] = [
    *PATHS["under_review"],
    ("propose_refusal", "case"),
    ("refuse", "approver"),
]
PATHS["issued"] = [*PATHS["approved"], ("issue", "reception")]
PATHS["withdrawn"] = [("submit", "applicant"), ("withdraw", "applicant")]


@pytest.fixture
def application_in(draft_factory, applicant, officers):
    """``application_in("under_review")``: an application brought there by the right people."""

    def make(status, **kw):
        application = draft_factory(**kw)
        for name, who in PATHS[status]:
            actor = applicant if who == "applicant" else officers[who]
            application = application_transition(
                application=application, transition=name, actor=actor, reason="Because."
            )
        assert application.status == status
        return application

    return make


# Fixtures of the document tests (permit_draft, permit_in, and stored files under tmp_path).
from tests.cases.document_helpers import _media_in_tmp, permit_draft, permit_in  # noqa: E402, F401
