from datetime import date

import pytest

from umis.accounts.models import District
from umis.cases.services import application_create_draft, application_transition
from umis.core.calendar import national_calendar
from umis.core.policy import policy_values_load
from umis.eservices import registry
from umis.eservices.services.stay_registration import (
    is_late,
    registration_deadline,
    registration_required,
)

pytestmark = pytest.mark.django_db

ON = date(2026, 5, 4)


@pytest.mark.parametrize(
    ("nationality", "days", "required"),
    [
        ("DEU", 15, False),  # exactly 15 days: not more than the threshold
        ("DEU", 16, True),
        ("KAZ", 16, False),  # citizens of Kazakhstan: 30 days
        ("kaz", 30, False),
        ("KAZ", 31, True),
        ("XXA", 16, True),
    ],
)
def test_registration_is_required_only_past_the_threshold(nationality, days, required):
    arrival = date(2026, 5, 1)
    stay_until = date.fromordinal(arrival.toordinal() + days)
    assert registration_required(nationality, arrival, stay_until, ON) is required


def test_registration_deadline_counts_from_the_day_after_arrival():
    # Arrival Mon 2026-06-01: day 1 is 06-02, day 15 is Tue 06-16, a working day.
    assert registration_deadline(date(2026, 6, 1)) == date(2026, 6, 16)
    assert not is_late(date(2026, 6, 1), date(2026, 6, 16))
    assert is_late(date(2026, 6, 1), date(2026, 6, 17))


def test_a_registration_deadline_on_a_day_off_moves_to_the_next_working_day():
    # Arrival 2026-03-08: day 15 is Mon 03-23, a Novruz holiday; the holidays (and the
    # observed days) run to Mon 03-30, so the last day is Tue 2026-03-31.
    assert registration_deadline(date(2026, 3, 8)) == date(2026, 3, 31)
    assert not is_late(date(2026, 3, 8), date(2026, 3, 31))


def test_trp_due_dates_across_novruz_for_both_tiers():
    cal = national_calendar()
    # Novruz and Ramadan holidays 2026: Fri 03-20 to Mon 03-30 are all days off.
    assert not any(cal.is_working_day(date(2026, 3, d)) for d in range(20, 31))
    trp = registry.get("trp-issue")
    accepted = date(2026, 3, 19)  # Thursday, the last working day before the holidays
    # Working day 1 is Tue 03-31; 2-4 are Apr 1-3; 5-9 Apr 6-10; 10-14 Apr 13-17;
    # 15 is Mon 04-20 (fast); 16-19 Apr 21-24; 20 is Mon 04-27 (standard).
    assert trp.due_date(accepted_on=accepted, tier="fast") == date(2026, 4, 20)
    assert trp.due_date(accepted_on=accepted, tier="standard") == date(2026, 4, 27)


def test_stay_registration_is_due_the_next_working_day():
    stay = registry.get("stay-registration")
    # Accepted Friday 2026-05-08; Sat 05-09 is Victory over Fascism Day, observed Mon 05-11.
    assert stay.due_date(accepted_on=date(2026, 5, 8), tier=None) == date(2026, 5, 12)


def test_a_later_policy_change_applies_only_to_applications_accepted_after_it():
    key = "trp-issue.decision_working_days.fast"
    policy_values_load(
        source="test decree",
        records=[
            {"key": key, "value": 15, "effective_from": "2024-01-01", "effective_to": "2026-06-30"},
            {"key": key, "value": 10, "effective_from": "2026-07-01"},
        ],
    )
    trp = registry.get("trp-issue")
    # Accepted Tue 2026-06-30 under the old rule: 15 working days -> Tue 07-21.
    assert trp.due_date(accepted_on=date(2026, 6, 30), tier="fast") == date(2026, 7, 21)
    # Accepted Wed 2026-07-01 under the new rule: 10 working days -> Wed 07-15.
    assert trp.due_date(accepted_on=date(2026, 7, 1), tier="fast") == date(2026, 7, 15)
    # The standard tier did not change.
    assert trp.due_date(accepted_on=date(2026, 7, 1), tier="standard") == date(2026, 7, 29)


@pytest.fixture
def submitted(applicant_user):
    def make(service_code, form_data):
        application = application_create_draft(
            applicant=applicant_user,
            service_code=service_code,
            form_data=form_data,
            place_of_stay_district=District.objects.get(code="gusar"),
        )
        return application_transition(
            application=application, transition="submit", actor=applicant_user
        )

    return make


@pytest.fixture
def applicant_user(django_user_model):
    return django_user_model.objects.create_user(username="foreigner", password="x")


def test_acceptance_sets_the_due_date_in_the_same_transaction(submitted, staff_user, settings):
    from django.utils import timezone

    application = submitted("trp-issue", {"fee_tier": "standard", "period": "12m"})
    assert application.due_date is None
    accepted = application_transition(
        application=application, transition="accept", actor=staff_user
    )
    accepted.refresh_from_db()
    accepted_on = timezone.localtime(accepted.accepted_at).date()
    expected = registry.get("trp-issue").due_date(accepted_on=accepted_on, tier="standard")
    assert accepted.due_date == expected
    assert national_calendar().working_days_between(accepted_on, accepted.due_date) == 20


def test_acceptance_uses_the_baku_date_near_midnight(submitted, staff_user, monkeypatch):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    application = submitted("trp-issue", {"fee_tier": "fast"})
    # 21:30 UTC on Thu 2026-04-02 is already Fri 04-03 in Baku (UTC+4): the clock starts
    # then. From Fri 04-03, working days 1-5 are Apr 6-10, 6-10 Apr 13-17, 11-15 Apr 20-24,
    # so the 15th is Fri 04-24 (counting from the UTC date, Thu 04-02, it would be 04-23).
    monkeypatch.setattr(
        timezone, "now", lambda: datetime(2026, 4, 2, 21, 30, tzinfo=ZoneInfo("UTC"))
    )
    accepted = application_transition(
        application=application, transition="accept", actor=staff_user
    )
    assert accepted.due_date == date(2026, 4, 24)


def test_an_application_for_a_service_outside_the_catalogue_gets_no_due_date(submitted, staff_user):
    application = submitted("legacy-service", {})
    accepted = application_transition(
        application=application, transition="accept", actor=staff_user
    )
    assert accepted.accepted_at is not None
    assert accepted.due_date is None


def test_acceptance_without_a_fee_tier_is_refused_and_changes_nothing(submitted, staff_user):
    from umis.cases.models import Application
    from umis.core.errors import ValidationFailed

    application = submitted("trp-issue", {"period": "12m"})
    with pytest.raises(ValidationFailed) as caught:
        application_transition(application=application, transition="accept", actor=staff_user)
    assert "fee_tier" in caught.value.fields
    unchanged = Application.objects.get(pk=application.pk)
    assert unchanged.status == "submitted" and unchanged.due_date is None
