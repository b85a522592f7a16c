"""The lifecycle of an application, declared once.

Every state change goes through ``umis.cases.services.application_transition``, which reads
the table below: which states a transition leaves from, where it goes, who may do it and
whether a reason is required. Nothing else in the code base decides what may happen next.

``approved`` is deliberately NOT terminal here: services that produce a document go on to
``issued``. For services that issue no document the engine (a later piece, which knows the
service catalogue) decides that ``approved`` is final for them; ``is_final`` is the place
that will consult the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from umis.accounts.roles import perm


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    UNDER_REVIEW = "under_review", _("Under review")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    ISSUED = "issued", _("Issued")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RETURNED = "returned", _("Returned")


TERMINAL = frozenset({Status.REFUSED, Status.ISSUED, Status.WITHDRAWN, Status.RETURNED})

# Where an application sits while the Service is working on it.
OPEN = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.UNDER_REVIEW, Status.AWAITING_APPROVAL})


class Flag(models.TextChoices):
    DOCUMENTS_REQUESTED = "documents_requested", _("Documents requested")
    PAYMENT_PENDING = "payment_pending", _("Payment pending")
    CHECKS_PENDING = "checks_pending", _("Checks pending")
    POTENTIAL_DUPLICATE = "potential_duplicate", _("Potential duplicate")
    APPEALED = "appealed", _("Appealed")


# Which states each flag may be set or cleared in. An appeal concerns a refusal; the
# other flags describe work in progress.
FLAG_STATES: dict[str, frozenset[str]] = {
    Flag.DOCUMENTS_REQUESTED: OPEN,
    Flag.PAYMENT_PENDING: OPEN,
    Flag.CHECKS_PENDING: OPEN,
    Flag.POTENTIAL_DUPLICATE: OPEN,
    Flag.APPEALED: frozenset({Status.REFUSED}),
}

# Who may set and clear flags.
FLAG_PERMISSION = perm.CASE_REVIEW

APPLICANT = "applicant"  # the owner of the application, not a permission


class ProposedDecision(models.TextChoices):
    NONE = "", _("None")
    APPROVE = "approve", _("Approve")
    REFUSE = "refuse", _("Refuse")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise  # the action as a button would say it: "Approve"
    sources: frozenset[str]
    target: str
    allowed: str  # APPLICANT or a permission string
    reason_required: bool = False
    # Four eyes: the actor must not be the one who proposed the decision.
    not_by_proposer: bool = False
    # The pending proposal this transition confirms; "" = none needed.
    confirms: str = ""


def _t(name, label, sources, target, allowed, **kw) -> Transition:
    return Transition(name, label, frozenset(sources), target, allowed, **kw)


S = Status
_BEFORE_DECISION = {S.SUBMITTED, S.ACCEPTED, S.UNDER_REVIEW, S.AWAITING_APPROVAL}

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("submit", _("Submit"), {S.DRAFT}, S.SUBMITTED, APPLICANT),
        _t("accept", _("Accept"), {S.SUBMITTED}, S.ACCEPTED, perm.CASE_ACCEPT),
        _t(
            "return",
            _("Return to the applicant"),
            {S.SUBMITTED},
            S.RETURNED,
            perm.CASE_ACCEPT,
            reason_required=True,
        ),
        _t("start_review", _("Start review"), {S.ACCEPTED}, S.UNDER_REVIEW, perm.CASE_REVIEW),
        _t(
            "propose_approval",
            _("Propose approval"),
            {S.UNDER_REVIEW},
            S.AWAITING_APPROVAL,
            perm.CASE_REVIEW,
        ),
        _t(
            "propose_refusal",
            _("Propose refusal"),
            {S.UNDER_REVIEW},
            S.AWAITING_APPROVAL,
            perm.CASE_REVIEW,
            reason_required=True,
        ),
        _t(
            "approve",
            _("Approve"),
            {S.AWAITING_APPROVAL},
            S.APPROVED,
            perm.CASE_APPROVE,
            not_by_proposer=True,
            confirms=ProposedDecision.APPROVE,
        ),
        _t(
            "refuse",
            _("Refuse"),
            {S.AWAITING_APPROVAL},
            S.REFUSED,
            perm.CASE_APPROVE,
            reason_required=True,
            not_by_proposer=True,
            confirms=ProposedDecision.REFUSE,
        ),
        _t(
            "send_back",
            _("Send back for review"),
            {S.AWAITING_APPROVAL},
            S.UNDER_REVIEW,
            perm.CASE_APPROVE,
            reason_required=True,
        ),
        # The Service itself, when every check passed and no rule of the service is broken
        # (umis.cases.checks_decision); it accepts and approves at the same moment.
        _t(
            "auto_approve",
            _("Approve automatically"),
            {S.SUBMITTED, S.ACCEPTED},
            S.APPROVED,
            perm.CASE_AUTO_DECIDE,
        ),
        _t("withdraw", _("Withdraw"), _BEFORE_DECISION, S.WITHDRAWN, APPLICANT),
        _t("issue", _("Issue the document"), {S.APPROVED}, S.ISSUED, perm.CASE_ISSUE),
    )
}

# The proposal each proposing transition records.
PROPOSALS = {
    "propose_approval": ProposedDecision.APPROVE,
    "propose_refusal": ProposedDecision.REFUSE,
}


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]


def is_final(status: str) -> bool:
    return status in TERMINAL
