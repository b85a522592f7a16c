"""Jurisdiction in one place: which districts a member of staff may reach.

Every office lookup of a record that has a place of stay filters through
``restrict_to_jurisdiction``; a record outside it is simply not found (404), so a guessed
id tells nothing about other regions.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from umis.accounts.models import Department, User
from umis.accounts.roles import Role

M = TypeVar("M", bound=Model)


def district_ids_visible_to(user: User) -> list[int] | None:
    """None means every district (national scope); otherwise the department's districts."""
    if getattr(user, "role", None) == Role.SYSTEM and user.is_active:
        return None  # the Service's own automatic decisions, wherever the case is
    if not user.is_authenticated or not user.is_active or not user.is_office_staff:
        return []
    if user.has_national_scope:
        return None
    if user.department_id is None:
        return []
    return list(user.department.districts.values_list("id", flat=True))


def restrict_to_jurisdiction(
    queryset: QuerySet[M], user: User, *, district_field: str
) -> QuerySet[M]:
    districts = district_ids_visible_to(user)
    if districts is None:
        return queryset
    return queryset.filter(**{f"{district_field}__in": districts})


def restrict_to_departments(
    queryset: QuerySet[M], user: User, *, department_field: str
) -> QuerySet[M]:
    """Records that belong to a department (a permit and its issuing department): the
    departments covering the user's districts, i.e. their own (all for national scope)."""
    districts = district_ids_visible_to(user)
    if districts is None:
        return queryset
    departments = Department.objects.filter(districts__id__in=districts).values("id")
    return queryset.filter(**{f"{department_field}__in": departments})
