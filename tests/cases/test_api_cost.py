"""What one submission asks of the database: a budget, so that the cost cannot creep back.

Measured once reference data is warm (the first request of a process reads the policy
values, districts and calendar). On PostgreSQL, 10 (9 round trips in production, where
BEGIN takes the place of the savepoint pair): session and user, the in-flight
guard with the idempotency look-up, the application (its number checked by the insert
itself), its history row, the e-mail, the watch-list screening, and one string with the
task rows, the pending checks, the idempotency record, the chain's lock and the audit
entry (and the COMMIT, when the write is its own transaction). Now and then a submission
also clears its caller's expired keys (one more). SQLite writes each row on its own and
appends the audit entry in two statements (15, and one more for the clean-up).
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.cases.test_api import apply, stay_form
from umis.cases.models import Application

pytestmark = pytest.mark.django_db

# Inside the test's own transaction the write is a savepoint: SAVEPOINT and RELEASE are
# counted where production sends BEGIN (its COMMIT travels with the audit entries).
BUDGET = {"postgresql": 11, "sqlite": 16}


@pytest.fixture
def portal(applicant_factory):
    client = Client()
    client.force_login(applicant_factory(email="budget@example.org"))
    return client


def test_a_submission_stays_within_its_statement_budget(portal):
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    assert apply(portal, body, key="warm-up").status_code == 201
    with CaptureQueriesContext(connection) as captured:
        assert apply(portal, body, key="measured").status_code == 201
    statements = [q["sql"] for q in captured.captured_queries]
    assert len(statements) <= BUDGET[connection.vendor], "\n".join(s[:120] for s in statements)
    # One write of the application row: inserted whole, never updated in the same request.
    writes = [s for s in statements if '"cases_application"' in s.split(" WHERE")[0]]
    assert [s.split()[0] for s in writes if not s.startswith("SELECT")] == ["INSERT"]
    assert Application.objects.count() == 2
