"""The office's decision forms, in every state an application waits for the office in,
sent back with ugly values by each officer who sees them: never a server error."""

from __future__ import annotations

import random
from urllib.parse import urljoin, urlsplit

import pytest

from tests.page_forms import junk, parse

pytestmark = pytest.mark.django_db

VARIANTS_PER_FORM = 6
# "returned" waits for the applicant: the office has no form there.
STATES = ["submitted", "accepted", "under_review", "awaiting_approval", "approved"]


@pytest.mark.parametrize("status", STATES)
def test_decision_forms_take_ugly_input_without_a_fault(
    status, application_in, officers, verified_client
):
    application = application_in(status)
    rng = random.Random(f"office-{status}")
    faults, forms_sent = [], 0
    for who in ("reception", "case", "approver"):
        client = verified_client(officers[who])
        client.raise_request_exception = False
        url = f"/office/applications/{application.number}/"
        page = parse(client.get(url).content.decode())
        for form in page.forms:
            action = urljoin(url, form["action"]) or url
            # The application's own forms, not the header's sign-out or the search.
            if form["method"] != "post" or not urlsplit(action).path.startswith(url):
                continue
            forms_sent += 1
            for _ in range(VARIANTS_PER_FORM):
                sent = client.post(action, junk(form, rng))
                if sent.status_code >= 500:
                    faults.append((who, action, sent.status_code))
    assert faults == []
    assert forms_sent > 0
