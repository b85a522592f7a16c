"""Users for tests: staff get a department from the reference data (khachmaz by default)."""

from __future__ import annotations

import factory
from django.test import Client

from tests.conftest import sign_in_with_second_factor
from umis.accounts.models import Department, User
from umis.accounts.roles import STAFF_ROLES, Role


def _department_for(user: factory.builder.Resolver) -> Department | None:
    if user.role not in STAFF_ROLES:
        return None
    return Department.objects.get(code="khachmaz")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.APPLICANT
    department = factory.LazyAttribute(_department_for)
    is_active = True
    password = factory.django.Password("a-long-test-password")


def sign_in_verified(client: Client, user: User) -> None:
    """Sign ``user`` in with the test client and mark the second factor as passed."""
    sign_in_with_second_factor(user, client)
