"""Every field of both services' forms, through the API, with each ugly value in turn (and
values of the wrong JSON type): a field error or a submission, never a server error.

The API fuzz (tests/core/test_api_fuzz.py) cannot reach inside ``form_data``: the OpenAPI
document describes it as an object of any shape, since each service has its own form.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import signed_in_applicant
from tests.eservices.form_data import stay_registration_data, trp_issue_data
from tests.page_forms import NASTY

pytestmark = pytest.mark.django_db

# Values of the wrong JSON type, and numbers past any column.
WRONG_TYPES = [None, 10**30, -1, 3.5, True, [], {}, ["a"], {"a": 1}]
FORMS = {"stay-registration": stay_registration_data, "trp-issue": trp_issue_data}


@pytest.mark.parametrize("service", list(FORMS))
def test_every_field_takes_every_ugly_value_without_a_fault(service):
    client = signed_in_applicant("form-fuzz", Client(raise_request_exception=False))
    valid = FORMS[service]()
    faults = []
    for n, (field, value) in enumerate(
        (field, value) for field in valid for value in [*NASTY, *WRONG_TYPES]
    ):
        response = client.post(
            "/api/v1/applications/",
            {"service_code": service, "form_data": {**valid, field: value}},
            content_type="application/json",
            headers={"Idempotency-Key": f"fuzz-{n}"},
        )
        if response.status_code >= 500 or response.status_code not in (201, 409, 422):
            faults.append((field, repr(value)[:40], response.status_code))
    assert faults == []
