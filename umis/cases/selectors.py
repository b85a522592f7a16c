"""Reading applications: staff see their jurisdiction, applicants see their own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from umis.accounts.jurisdiction import restrict_to_jurisdiction
from umis.accounts.models import User
from umis.cases.models import Application, ApplicationEvent

_RELATED = ("applicant", "place_of_stay_district", "assigned_to", "proposed_by")


def applications_visible_to(user: User) -> QuerySet[Application]:
    """Applications a member of staff may reach: those staying in their departments' area.

    Drafts are the applicant's own business until submitted.
    """
    qs = Application.objects.exclude(status="draft").select_related(*_RELATED)
    return restrict_to_jurisdiction(qs, user, district_field="place_of_stay_district")


def application_get_for_staff(*, user: User, number: str) -> Application:
    """One application by its number; outside the user's reach it simply does not exist."""
    try:
        return applications_visible_to(user).get(number=(number or "").strip().upper())
    except Application.DoesNotExist:
        raise Http404(_("Application not found.")) from None


def applications_of_applicant(user: User) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(applicant=user).select_related(*_RELATED)


def application_history(*, application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("actor").order_by("at", "id")
