"""Roles and what each may do: the one place where permissions are declared.

Permissions are plain strings "<area>.<action>"; a role is a named frozenset of them.
Views and API operations declare the permission they need next to themselves
(``@requires(perm.PERSON_VIEW)``), and ``RolePermissionBackend`` answers ``has_perm``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    HOST = "host", _("Host")
    EMPLOYER_REP = "employer_rep", _("Employer representative")
    RECEPTION_OFFICER = "reception_officer", _("Reception officer")
    CASE_OFFICER = "case_officer", _("Case officer")
    APPROVING_OFFICER = "approving_officer", _("Approving officer (head of department)")
    HQ_OFFICER = "hq_officer", _("Headquarters officer")
    ANALYST = "analyst", _("Analyst")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")
    # The Service's own automatic decisions (a registration confirmed when every check
    # passes). One account, no password: nobody signs in as it.
    SYSTEM = "system", _("Automatic decision")


class perm:  # noqa: N801 - a namespace of constants, read as perm.PERSON_VIEW
    OFFICE_ACCESS = "office.access"
    PERSON_SEARCH = "people.search"
    PERSON_VIEW = "people.view"
    PERSON_EDIT = "people.edit"
    DOCUMENT_EDIT = "people.edit_document"
    # Deciding potential duplicates: merging two files, undoing a merge, keeping apart.
    PERSON_MERGE = "people.merge"
    AUDIT_VIEW = "audit.view"
    AUDIT_VERIFY = "audit.verify"
    REPORTS_VIEW = "reports.view"
    REFERENCE_DATA_EDIT = "reference.edit"
    USERS_MANAGE = "accounts.manage"
    APPLY_SELF = "portal.apply_self"
    APPLY_AS_HOST = "portal.apply_as_host"
    APPLY_AS_EMPLOYER = "portal.apply_as_employer"
    CASE_ACCEPT = "cases.accept"
    CASE_REVIEW = "cases.review"
    CASE_APPROVE = "cases.approve"
    CASE_ISSUE = "cases.issue"
    CASE_ASSIGN = "cases.assign"
    CASE_AUTO_DECIDE = "cases.auto_decide"
    PERMIT_VIEW = "permits.view"
    # Revoking or cancelling a permit is a decision: the approving officers' right.
    PERMIT_DECIDE = "permits.decide"
    # Issuing a new permit in place of a lost, stolen or damaged one.
    PERMIT_REPLACE = "permits.replace"
    # The log of messages exchanged with other state systems (national roles see all of
    # it; a head of department the messages about applications of their districts).
    EXCHANGE_LOG_VIEW = "exchange.log_view"
    # The watch list (entry bans, wanted persons): reading it, keeping it, screening a
    # person against it on behalf of another system.
    WATCHLIST_VIEW = "screening.view_list"
    WATCHLIST_EDIT = "screening.edit_list"
    SCREENING_CHECK = "screening.check"
    # The crossings received from the border system (entries, exits, watch-list hits),
    # within the user's jurisdiction; a person's own crossings show on their file.
    BORDER_CROSSINGS_VIEW = "border.view_crossings"


_CASEWORK = {
    perm.OFFICE_ACCESS,
    perm.PERSON_SEARCH,
    perm.PERSON_VIEW,
    perm.PERSON_EDIT,
    perm.DOCUMENT_EDIT,
    perm.PERMIT_VIEW,
    perm.PERMIT_REPLACE,
}

# Heads of department and headquarters keep the watch list; case officers see its hits
# on their applications only.
_WATCHLIST = {perm.WATCHLIST_VIEW, perm.WATCHLIST_EDIT, perm.SCREENING_CHECK}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.APPLICANT: frozenset({perm.APPLY_SELF}),
    Role.HOST: frozenset({perm.APPLY_SELF, perm.APPLY_AS_HOST}),
    Role.EMPLOYER_REP: frozenset({perm.APPLY_AS_EMPLOYER}),
    Role.RECEPTION_OFFICER: frozenset(_CASEWORK | {perm.CASE_ACCEPT, perm.CASE_ISSUE}),
    Role.CASE_OFFICER: frozenset(
        _CASEWORK
        | {perm.CASE_ACCEPT, perm.CASE_REVIEW, perm.CASE_ISSUE, perm.PERSON_MERGE}
        | {perm.BORDER_CROSSINGS_VIEW}
    ),
    Role.APPROVING_OFFICER: frozenset(
        _CASEWORK
        | _WATCHLIST
        | {perm.CASE_REVIEW, perm.CASE_APPROVE, perm.CASE_ASSIGN, perm.PERMIT_DECIDE}
        | {perm.EXCHANGE_LOG_VIEW, perm.PERSON_MERGE, perm.BORDER_CROSSINGS_VIEW}
    ),
    Role.HQ_OFFICER: frozenset(
        _CASEWORK
        | {perm.REPORTS_VIEW, perm.CASE_ACCEPT, perm.CASE_REVIEW, perm.CASE_APPROVE}
        | {perm.CASE_ISSUE, perm.CASE_ASSIGN, perm.PERMIT_DECIDE, perm.EXCHANGE_LOG_VIEW}
        | _WATCHLIST
        | {perm.PERSON_MERGE, perm.BORDER_CROSSINGS_VIEW}
    ),
    Role.ANALYST: frozenset({perm.OFFICE_ACCESS, perm.REPORTS_VIEW}),
    Role.AUDITOR: frozenset(
        {
            perm.OFFICE_ACCESS,
            perm.AUDIT_VIEW,
            perm.AUDIT_VERIFY,
            perm.PERSON_VIEW,
            perm.EXCHANGE_LOG_VIEW,
        }
    ),
    Role.ADMINISTRATOR: frozenset(
        {perm.OFFICE_ACCESS, perm.REFERENCE_DATA_EDIT, perm.USERS_MANAGE}
    ),
    Role.SYSTEM: frozenset({perm.CASE_AUTO_DECIDE, perm.CASE_ISSUE}),
}

STAFF_ROLES = frozenset(
    {
        Role.RECEPTION_OFFICER,
        Role.CASE_OFFICER,
        Role.APPROVING_OFFICER,
        Role.HQ_OFFICER,
        Role.ANALYST,
        Role.AUDITOR,
        Role.ADMINISTRATOR,
    }
)

# Roles whose reach is the whole country whatever department they sit in.
NATIONAL_ROLES = frozenset(
    {Role.HQ_OFFICER, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.SYSTEM}
)


def permissions_for(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
