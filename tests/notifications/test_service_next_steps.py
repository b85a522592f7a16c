"""The e-mail names the service in the applicant's language and says what to do next in
the service's own words where it has them (collect the permit), else the engine's."""

from __future__ import annotations

import pytest

from tests.cases.checks_helpers import confirmed_applicant
from tests.cases.office_helpers import checks_cleared_by_officer, move, submit
from umis.accounts.roles import Role
from umis.notifications.messages import render_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return confirmed_applicant("reza")


@pytest.fixture
def officers(staff_user_factory):
    return (
        staff_user_factory(Role.CASE_OFFICER, with_device=False),
        staff_user_factory(Role.APPROVING_OFFICER, with_device=False),
    )


def test_an_approved_permit_is_to_be_collected_at_the_department_of_residence(applicant, officers):
    case, head = officers
    application = move(
        submit(applicant, service="trp-issue", district="gusar"),
        ("accept", case),
        ("start_review", case),
        ("propose_approval", case),
    )
    application = move(checks_cleared_by_officer(application, case), ("approve", head))
    approved = application.events.get(transition="approve")

    english = render_body(event=approved, language="en")
    russian = render_body(event=approved, language="ru")

    assert "Temporary residence permit" in english
    assert "Collect it at the reception division of Khachmaz" in english
    assert "bring your passport" in english
    assert "Разрешение на временное проживание" in russian
    assert "Получите его в отделе приёма (Хачмазское" in russian


def test_other_statuses_keep_the_engines_words(applicant, officers):
    case, _head = officers
    application = move(submit(applicant, service="trp-issue"), ("accept", case))
    accepted = application.events.get(transition="accept")

    body = render_body(event=accepted, language="en")

    assert "An officer will now examine your application." in body
    assert "trp-issue" not in body  # the service by its name, not its code
