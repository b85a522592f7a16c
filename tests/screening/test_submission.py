"""Screening at every submission: a hit holds the application for an officer."""

from __future__ import annotations

import pytest

from tests.cases.checks_helpers import apply, confirmed_applicant, keep_test_connection, run_worker
from tests.screening.helpers import enter
from umis.audit.models import AuditEntry
from umis.cases.checks import check_results_for
from umis.screening.models import ApplicationScreeningHit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    keep_test_connection(monkeypatch)


@pytest.fixture
def applicant(db):
    return confirmed_applicant()


def test_a_hit_is_recorded_with_the_submission_and_stops_the_automatic_decision(applicant):
    entry = enter(surname_latin="Rezayi", document_numbers=[])  # a spelling variant

    application = apply(applicant)

    hit = ApplicationScreeningHit.objects.get(application=application)
    assert hit.entry == entry
    assert {p["field"] for p in hit.explanation} == {"name", "birth_date", "nationality"}
    assert AuditEntry.objects.filter(action="screening.hit", target_id=application.number)

    run_worker()  # every state system answers "clean"

    application.refresh_from_db()
    assert application.status == "submitted"  # on hold for an officer, not auto-approved
    line = {line.code: line for line in check_results_for(application)}["watch_list_hit"]
    assert (line.label, line.outcome_code) == ("Watch list", "failed")
    assert line.summary.startswith("The person matches 1 entry(ies)")


def test_a_miss_leaves_the_submission_as_before(applicant):
    enter(
        surname_latin="Mammadov", given_names_latin="Ali", surname_native="", given_names_native=""
    )

    application = apply(applicant)
    run_worker()

    application.refresh_from_db()
    assert application.status == "issued"
    assert not ApplicationScreeningHit.objects.exists()
    assert "watch_list_hit" not in {line.code for line in check_results_for(application)}


def test_an_entry_lifted_before_the_submission_does_not_hold_it(applicant):
    from umis.screening.services import watchlist_entry_lift

    watchlist_entry_lift(entry=enter(), reason="Annulled.", actor=None)
    application = apply(applicant)
    assert not ApplicationScreeningHit.objects.filter(application=application).exists()
