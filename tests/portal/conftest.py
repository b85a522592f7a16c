import itertools

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from umis.accounts.models import User
from umis.accounts.roles import Role

PASSWORD = "a-long-portal-password-2026"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal_user_factory(db):
    def make(role=Role.APPLICANT, *, confirmed=True, **fields):
        n = next(_numbers)
        email = fields.pop("email", f"person{n}@example.org")
        return User.objects.create_user(
            username=email,
            email=email,
            password=PASSWORD,
            role=role,
            first_name=fields.pop("first_name", "Aylin"),
            last_name=fields.pop("last_name", "Yılmaz"),
            email_confirmed_at=timezone.now() if confirmed else None,
            preferred_language=fields.pop("preferred_language", "en"),
            **fields,
        )

    return make


@pytest.fixture
def applicant(portal_user_factory):
    return portal_user_factory()


@pytest.fixture
def signed_in(db):
    """``signed_in(user)``: a new client with ``user`` signed in."""

    def make(user, language="en"):
        client = Client()
        client.force_login(user)
        client.cookies["django_language"] = language
        return client

    return make
