"""Who works a case: heads of department and headquarters assign, officers take.

Assigning is not a change of state, so it does not go through the lifecycle table; it is
written the same way though: the row locked at the version the actor saw, a history row
and an audit row in the same transaction.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from umis.accounts.jurisdiction import district_ids_visible_to
from umis.accounts.models import Department, User
from umis.accounts.roles import NATIONAL_ROLES, STAFF_ROLES, Role, perm, permissions_for
from umis.audit.services import audited_transaction
from umis.cases.models import Application
from umis.cases.services import check_reach, lock_for_change, record_change
from umis.cases.states import OPEN, Status
from umis.core.errors import Conflict, PermissionDeniedError, ValidationFailed

# The roles whose holders review cases, read from the one place permissions are declared.
REVIEWING_ROLES = sorted(
    r for r in STAFF_ROLES if perm.CASE_REVIEW in permissions_for(r) and r != Role.SYSTEM
)


def _reaches(user: User, application: Application) -> bool:
    districts = district_ids_visible_to(user)
    return districts is None or application.place_of_stay_district_id in districts


def can_review(user: User, application: Application) -> bool:
    return user.is_active and user.has_perm(perm.CASE_REVIEW) and _reaches(user, application)


def assignable_officers(application: Application) -> QuerySet[User]:
    """Officers a case may be given to: active reviewers whose reach covers its district."""
    reach = Q(role__in=sorted(NATIONAL_ROLES)) | Q(department__kind=Department.Kind.HEADQUARTERS)
    if application.place_of_stay_district_id is not None:
        reach |= Q(department__districts=application.place_of_stay_district_id)
    return (
        User.objects.filter(reach, is_active=True, role__in=REVIEWING_ROLES)
        .select_related("department")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def may_take(actor: User, application: Application) -> bool:
    """An officer who reviews may take an open case nobody has yet."""
    return (
        application.assigned_to_id is None
        and application.status in OPEN
        and can_review(actor, application)
    )


@audited_transaction
def application_assign(
    *,
    application: Application,
    assignee: User,
    actor: User,
    expected_version: int | None,
    request: HttpRequest | None = None,
) -> Application:
    """Give the case to ``assignee`` (or to oneself: "take"); returns the saved case."""
    current = lock_for_change(application, expected_version)
    check_reach(current, actor)
    taking = assignee.pk == actor.pk and current.assigned_to_id is None
    if not actor.has_perm(perm.CASE_ASSIGN) and not (taking and can_review(actor, current)):
        raise PermissionDeniedError(
            _("Only a head of department or headquarters may assign cases to officers.")
        )
    if current.status not in OPEN:
        raise Conflict(
            _("This application is “%(status)s”; it is no longer assigned to anyone.")
            % {"status": Status(current.status).label}
        )
    if not can_review(assignee, current):
        raise ValidationFailed(
            fields={
                "assignee": _(
                    "This person cannot review applications of this district; "
                    "choose an officer of the department."
                )
            }
        )
    previous = current.assigned_to
    if previous is not None and previous.pk == assignee.pk:
        return current  # already theirs: nothing to record
    current.assigned_to = assignee
    current.version += 1
    current.save()
    record_change(
        application=current,
        name="take" if taking and assignee.pk == actor.pk else "assign",
        from_status=current.status,
        actor=actor,
        reason="",
        details={
            "assignee": assignee.get_username(),
            "previous": previous.get_username() if previous else "",
        },
        request=request,
    )
    return current


def officers_in_reach(user: User) -> QuerySet[User]:
    """Reviewing officers a member of staff may filter the queue by: their department's,
    or everyone's for national reach."""
    qs = User.objects.filter(is_active=True, role__in=REVIEWING_ROLES).order_by(
        "last_name", "first_name", "username"
    )
    if district_ids_visible_to(user) is None:
        return qs
    return qs.filter(department_id=user.department_id)
