"""Every office API operation decides for itself who may call it.

The second-factor middleware lets any request with a Bearer header through to the API's
own auth, so an office operation declared without ``office_auth`` would be open to anyone
who sends ``Authorization: Bearer x``. This walks the real API's URL map, so operations
added later are covered without touching this file.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern

from config.api import api
from tests.accounts.factories import UserFactory
from umis.accounts.roles import Role

pytestmark = pytest.mark.django_db

METHODS = ["get", "post", "put", "patch", "delete"]


def _office_paths() -> list[str]:
    paths = []
    for pattern in api.urls[0]:
        route = str(pattern.pattern)
        if isinstance(pattern, URLPattern) and route.startswith("office/"):
            # Any value will do: authentication runs before the path is parsed or looked up.
            paths.append("/api/v1/" + re.sub(r"<[^>]+>", "1", route))
    return sorted(set(paths))


OFFICE_PATHS = _office_paths()


def test_the_walk_finds_operations():
    assert OFFICE_PATHS, "no office operations found: has the API moved?"


@pytest.mark.parametrize("url", OFFICE_PATHS)
@pytest.mark.parametrize("bearer", ["Bearer x", "Bearer umis_AAAAAAAA_" + "a" * 43])
def test_every_office_operation_refuses_a_bad_bearer_token(client, url, bearer):
    # A signed-in applicant too: a session that is not staff must not help either.
    client.force_login(UserFactory(role=Role.APPLICANT))
    answered = {}
    for method in METHODS:
        response = getattr(client, method)(
            url, data={}, content_type="application/json", HTTP_AUTHORIZATION=bearer
        )
        answered[method] = response.status_code
        if response.status_code == 401:
            assert response.json()["error"]["code"] == "not_authenticated"
    assert set(answered.values()) <= {401, 405}, answered
    assert 401 in answered.values(), answered
