"""Generated requests against every operation of the API: whatever a client sends, the
answer is never a server error (schemathesis reads the OpenAPI document and generates
the requests; Django's test client sends them, inside the test's transaction).

The examples are the same on every run (``derandomize``), so the suite stays
deterministic; ``UMIS_FUZZ_EXAMPLES=5000 UMIS_FUZZ_RANDOM=1`` searches wider and
differently each time, for a run by hand.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NotSet

from tests.conftest import sign_in_with_second_factor, signed_in_applicant

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("UMIS_FUZZ_EXAMPLES", "200"))
RANDOM = os.environ.get("UMIS_FUZZ_RANDOM") == "1"


def _operations(client):
    document = client.get("/api/v1/openapi.json").json()
    schema = schemathesis.openapi.from_dict(document)
    return [result.ok() for result in schema.get_all_operations()]


def _send(client, case):
    path = case.formatted_path
    if case.query:
        path += "?" + urlencode(case.query, doseq=True)
    headers = {str(k): str(v) for k, v in (case.headers or {}).items()}
    body = case.body
    if body is None or isinstance(body, NotSet):
        data, content_type = "", "application/json"
    else:
        data, content_type = json.dumps(body), case.media_type or "application/json"
    return client.generic(case.method, path, data=data, content_type=content_type, headers=headers)


def _client_of(actor: str, staff_user_factory) -> Client:
    from umis.accounts.roles import Role

    client = Client()
    if actor == "applicant":
        signed_in_applicant("fuzz-applicant", client)
    elif actor in (Role.HQ_OFFICER, Role.APPROVING_OFFICER, Role.AUDITOR):
        department = "hq" if actor != Role.APPROVING_OFFICER else "khachmaz"
        sign_in_with_second_factor(staff_user_factory(role=actor, department=department), client)
    return client


@pytest.mark.parametrize(
    "actor", ["anonymous", "applicant", "hq_officer", "approving_officer", "auditor"]
)
def test_no_request_gets_a_server_error(actor, staff_user_factory):
    client = _client_of(actor, staff_user_factory)
    operations = _operations(client)

    @given(case=st.sampled_from(operations).flatmap(lambda op: op.as_strategy()))
    @settings(
        max_examples=EXAMPLES,
        derandomize=not RANDOM,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = _send(client, case)
        assert response.status_code < 500, (
            case.method,
            case.formatted_path,
            case.query,
            case.body,
            response.content[:300],
        )

    check()
