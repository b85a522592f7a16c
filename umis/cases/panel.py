"""What this officer may do with this application now: the decision panel's contents.

Read from the lifecycle table (``states.transitions_from``) with the same rules the
transition function enforces (permission, the pending proposal, four eyes), so that the
page offers exactly the actions that would succeed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from umis.accounts.models import User
from umis.cases.models import Application
from umis.cases.states import APPLICANT, Transition, transitions_from
from umis.core.errors import NotFound
from umis.eservices import registry

# A key per common decision; the page lists them. Actions never shown together may share.
SHORTCUTS = {
    "accept": "a",
    "return": "r",
    "start_review": "s",
    "propose_approval": "p",
    "propose_refusal": "x",
    "approve": "a",
    "refuse": "x",
    "send_back": "b",
    "issue": "i",
}
# Transitions whose reason is given as grounds for refusal chosen from the list.
REFUSALS = frozenset({"propose_refusal", "refuse"})


@dataclass(frozen=True)
class Action:
    name: str
    label: str | Promise
    reason_required: bool
    asks_grounds: bool
    shortcut: str


def _produces_document(application: Application) -> bool:
    try:
        return registry.get(application.service_code).produces_document
    except NotFound:  # older or test data: the lifecycle table alone decides
        return True


def four_eyes_blocked(t: Transition, application: Application, user: User) -> bool:
    return t.not_by_proposer and application.proposed_by_id == user.pk


def available_transitions(application: Application, user: User) -> list[Transition]:
    out = []
    for t in transitions_from(application.status):
        if t.allowed == APPLICANT or not user.has_perm(t.allowed):
            continue
        if t.confirms and application.proposed_decision != t.confirms:
            continue
        if four_eyes_blocked(t, application, user):
            continue
        if t.name == "issue" and not _produces_document(application):
            continue
        out.append(t)
    return out


def actions_for(application: Application, user: User) -> list[Action]:
    return [
        Action(
            name=t.name,
            label=t.label,
            reason_required=t.reason_required,
            asks_grounds=t.name in REFUSALS,
            shortcut=SHORTCUTS.get(t.name, ""),
        )
        for t in available_transitions(application, user)
    ]


def waits_for_another_approver(application: Application, user: User) -> bool:
    """The officer could decide, but proposed this decision themselves (four eyes)."""
    return any(
        four_eyes_blocked(t, application, user) and user.has_perm(t.allowed)
        for t in transitions_from(application.status)
        if t.allowed != APPLICANT
    )
