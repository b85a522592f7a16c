"""What one submission asks of the database: a budget, so that the cost cannot creep back.

Measured once reference data is warm (the first request of a process reads the policy
values, districts and calendar). On PostgreSQL, 14: session and user, the in-flight guard
with the idempotency look-up, the application (its number checked by the insert itself)
and its history row, the e-mail and its task, the watch-list screening, the pending checks
and their task, the idempotency record, the audit append (lock, head and insert in one
string) and the commit's BEGIN and COMMIT. Now and then a submission also clears its
caller's expired keys (one more). SQLite has no advisory locks and sends the audit append
as two statements.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.cases.test_api import apply, stay_form
from umis.cases.models import Application

pytestmark = pytest.mark.django_db

# Inside the test's own transaction the write's BEGIN and COMMIT are a savepoint's two
# statements: the same count as in production.
BUDGET = 15


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
    assert len(statements) <= BUDGET, "\n".join(s[:120] for s in statements)
    # One write of the application row: inserted whole, never updated in the same request.
    writes = [s for s in statements if '"cases_application"' in s.split(" WHERE")[0]]
    assert [s.split()[0] for s in writes if not s.startswith("SELECT")] == ["INSERT"]
    assert Application.objects.count() == 2
