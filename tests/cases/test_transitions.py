import pytest

from umis.accounts.roles import Role
from umis.accounts.system import system_actor
from umis.audit.models import AuditEntry
from umis.cases.models import ApplicationEvent
from umis.cases.services import application_transition
from umis.cases.states import APPLICANT, TRANSITIONS, Status, transitions_from
from umis.core.errors import Conflict, NotFound, PermissionDeniedError, ValidationFailed

from .conftest import PATHS

pytestmark = pytest.mark.django_db

ACTOR_FOR_PERMISSION = {
    "cases.accept": "reception",
    "cases.review": "case",
    "cases.approve": "approver",
    "cases.issue": "reception",
}


def _actor(t, applicant, officers):
    if t.allowed == "cases.auto_decide":
        return system_actor()  # the Service itself decides automatically
    return applicant if t.allowed == APPLICANT else officers[ACTOR_FOR_PERMISSION[t.allowed]]


def test_every_state_is_reachable_by_the_table():
    assert set(PATHS) == set(Status.values)


def test_happy_path_from_draft_to_issued(application_in, applicant, officers):
    application = application_in("issued")

    assert application.submitted_at and application.accepted_at and application.decided_at
    assert application.proposed_by == officers["case"]
    assert application.version == 1 + len(PATHS["issued"])
    history = list(application.events.values_list("transition", "from_status", "to_status"))
    assert history == [
        ("create", "draft", "draft"),
        ("submit", "draft", "submitted"),
        ("accept", "submitted", "accepted"),
        ("start_review", "accepted", "under_review"),
        ("propose_approval", "under_review", "awaiting_approval"),
        ("approve", "awaiting_approval", "approved"),
        ("issue", "approved", "issued"),
    ]
    actions = list(
        AuditEntry.objects.filter(target_type="application", target_id=application.number)
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [f"application.{name}" for name, *_ in history]


NOT_ALLOWED = [
    (status, name)
    for status in Status.values
    for name, t in TRANSITIONS.items()
    if status not in t.sources
]


@pytest.mark.parametrize(("status", "name"), NOT_ALLOWED)
def test_transition_not_allowed_from_state_is_a_conflict_naming_the_state(
    application_in, applicant, officers, status, name
):
    application = application_in(status)
    t = TRANSITIONS[name]
    events_before = ApplicationEvent.objects.count()

    with pytest.raises(Conflict) as caught:
        application_transition(
            application=application,
            transition=name,
            actor=_actor(t, applicant, officers),
            reason="Because.",
        )

    assert str(Status(status).label) in caught.value.message
    assert caught.value.status == 409
    application.refresh_from_db()
    assert application.status == status
    assert ApplicationEvent.objects.count() == events_before


def test_allowed_transitions_listed_from_each_state():
    assert {t.name for t in transitions_from("awaiting_approval")} == {
        "approve",
        "refuse",
        "send_back",
        "withdraw",
    }
    for status in ("refused", "issued", "withdrawn", "returned"):
        assert transitions_from(status) == []


def test_proposer_cannot_approve_but_another_approving_officer_can(application_in, officers):
    application = application_in("under_review")
    # An approving officer may review and propose, but then cannot confirm it alone.
    application = application_transition(
        application=application, transition="propose_approval", actor=officers["approver"]
    )

    with pytest.raises(PermissionDeniedError) as caught:
        application_transition(
            application=application, transition="approve", actor=officers["approver"]
        )
    assert "four-eyes" in caught.value.message

    application = application_transition(
        application=application, transition="approve", actor=officers["approver2"]
    )
    assert application.status == Status.APPROVED
    event = application.events.get(transition="approve")
    assert event.actor == officers["approver2"]
    assert event.actor_role == Role.APPROVING_OFFICER


def test_proposer_cannot_confirm_own_refusal(application_in, officers):
    application = application_in("under_review")
    application = application_transition(
        application=application,
        transition="propose_refusal",
        actor=officers["approver"],
        reason="Forged work contract.",
    )
    with pytest.raises(PermissionDeniedError):
        application_transition(
            application=application,
            transition="refuse",
            actor=officers["approver"],
            reason="Forged work contract.",
        )
    application = application_transition(
        application=application,
        transition="refuse",
        actor=officers["approver2"],
        reason="Forged work contract.",
    )
    assert application.status == Status.REFUSED
    assert application.decision_reasons == ["Forged work contract.", "Forged work contract."]


def test_approver_cannot_approve_a_proposed_refusal(application_in, officers):
    application = application_in("under_review")
    application = application_transition(
        application=application,
        transition="propose_refusal",
        actor=officers["case"],
        reason="No insurance.",
    )
    with pytest.raises(Conflict):
        application_transition(
            application=application, transition="approve", actor=officers["approver"]
        )
    # The way to overrule is to send it back to review, with a reason.
    application = application_transition(
        application=application,
        transition="send_back",
        actor=officers["approver"],
        reason="Insurance is attached on page 3.",
    )
    assert application.status == Status.UNDER_REVIEW
    assert application.proposed_by is None and application.proposed_decision == ""


@pytest.mark.parametrize(
    ("status", "name", "who"),
    [
        ("submitted", "return", "reception"),
        ("awaiting_approval", "send_back", "approver"),
        ("under_review", "propose_refusal", "case"),
    ],
)
def test_reason_required(application_in, officers, status, name, who):
    application = application_in(status)
    with pytest.raises(ValidationFailed) as caught:
        application_transition(
            application=application, transition=name, actor=officers[who], reason="   "
        )
    assert "reason" in caught.value.fields
    application.refresh_from_db()
    assert application.status == status


def test_history_and_audit_carry_actor_and_reason(application_in, officers):
    application = application_in("submitted")
    application = application_transition(
        application=application,
        transition="return",
        actor=officers["reception"],
        reason="Passport copy missing.",
    )
    event = application.events.get(transition="return")
    assert (event.actor, event.reason) == (officers["reception"], "Passport copy missing.")
    assert event.actor_role == Role.RECEPTION_OFFICER
    entry = AuditEntry.objects.get(action="application.return", target_id=application.number)
    assert entry.actor_id == officers["reception"].pk
    assert entry.reason == "Passport copy missing."
    assert entry.details["from"] == "submitted" and entry.details["to"] == "returned"


def test_officer_without_permission_is_refused(application_in, officers):
    application = application_in("awaiting_approval")
    with pytest.raises(PermissionDeniedError):
        application_transition(
            application=application, transition="approve", actor=officers["case"]
        )


def test_only_the_owner_may_submit_or_withdraw(draft_factory, applicant_factory, officers):
    application = draft_factory()
    for stranger in (applicant_factory(), officers["case"]):
        with pytest.raises(NotFound):
            application_transition(application=application, transition="submit", actor=stranger)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_officer_cannot_act_outside_jurisdiction(application_in, staff_user_factory):
    application = application_in("submitted")  # staying in Gusar, Khachmaz department
    ganja = staff_user_factory(role=Role.RECEPTION_OFFICER, department="ganja")
    with pytest.raises(NotFound):
        application_transition(application=application, transition="accept", actor=ganja)
    hq = staff_user_factory(role=Role.HQ_OFFICER, department="hq")
    application = application_transition(application=application, transition="accept", actor=hq)
    assert application.status == Status.ACCEPTED


def test_applicant_can_withdraw_before_a_decision(application_in, applicant):
    application = application_in("awaiting_approval")
    application = application_transition(
        application=application, transition="withdraw", actor=applicant
    )
    assert application.status == Status.WITHDRAWN


def test_application_without_a_district_is_for_headquarters_only(
    application_in, staff_user_factory
):
    application = application_in("submitted", district=None)
    regional = staff_user_factory(role=Role.RECEPTION_OFFICER, department="khachmaz")
    with pytest.raises(NotFound):
        application_transition(application=application, transition="accept", actor=regional)
    hq = staff_user_factory(role=Role.HQ_OFFICER, department="hq")
    application = application_transition(application=application, transition="accept", actor=hq)
    assert application.status == Status.ACCEPTED


def test_overlong_reason_is_refused_naming_the_field(application_in, officers):
    application = application_in("submitted")
    with pytest.raises(ValidationFailed) as caught:
        application_transition(
            application=application,
            transition="return",
            actor=officers["reception"],
            reason="x" * 5000,
        )
    assert "reason" in caught.value.fields
