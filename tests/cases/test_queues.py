"""The officer's queues: per role and jurisdiction, deadlines around holidays, filters,
search, one-query counts and a page whose query count does not grow with its size."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.cases.office_helpers import move, set_due, submit
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases import queues
from umis.cases.queues import QueueFilters, queue_applications, queue_counts, queue_page_for_staff
from umis.cases.services import application_flag_set
from umis.core.calendar import SERVICE_TZ
from umis.core.models import CalendarOverride

pytestmark = pytest.mark.django_db

# Thursday 2026-03-19, the eve of Novruz and Eid al-Fitr: in the statutory calendar the
# days off (with the observed ones) run from Friday 20 to Monday 30 March.
THURSDAY = date(2026, 3, 19)


@pytest.fixture
def staff(staff_user_factory):
    return {
        "reception": staff_user_factory(Role.RECEPTION_OFFICER, with_device=False),
        "case": staff_user_factory(Role.CASE_OFFICER, with_device=False),
        "head": staff_user_factory(Role.APPROVING_OFFICER, with_device=False),
        "head2": staff_user_factory(Role.APPROVING_OFFICER, with_device=False),
        "ganja": staff_user_factory(Role.CASE_OFFICER, department="ganja", with_device=False),
        "hq": staff_user_factory(Role.HQ_OFFICER, department="hq", with_device=False),
    }


def numbers(qs) -> set[str]:
    return {a.number for a in qs}


def queue(user, name, today=THURSDAY, **filters):
    return numbers(
        queue_applications(user=user, queue=name, filters=QueueFilters(**filters), today=today)
    )


def test_new_and_mine_follow_status_assignment_and_jurisdiction(applicant, staff):
    new = submit(applicant)
    accepted = move(submit(applicant), ("accept", staff["reception"]))
    elsewhere = submit(applicant, district="ganja")
    from umis.cases.models import Application

    Application.objects.filter(pk=accepted.pk).update(assigned_to=staff["case"])

    assert queue(staff["case"], "new") == {new.number}
    assert queue(staff["case"], "mine") == {accepted.number}
    assert queue(staff["reception"], "mine") == set()
    assert queue(staff["ganja"], "new") == {elsewhere.number}
    assert queue(staff["ganja"], "all") == {elsewhere.number}
    assert queue(staff["hq"], "new") == {new.number, elsewhere.number}


def test_due_soon_and_overdue_count_working_days_around_a_holiday(applicant, staff):
    queues_today = THURSDAY
    # Three working days (the policy value) after Thursday 19 March: the holidays and the
    # weekend are skipped, so Tuesday 31 March, Wednesday 1 and Thursday 2 April.
    limit = queues.due_soon_until(queues_today)
    assert limit == date(2026, 4, 2)

    a = [move(submit(applicant), ("accept", staff["reception"])) for _ in range(4)]
    set_due(a[0], limit)  # the last day that is still due soon
    set_due(a[1], date.fromordinal(limit.toordinal() + 1))  # one day later: not yet
    set_due(a[2], date(2026, 3, 18))  # yesterday: overdue
    set_due(a[3], queues_today)  # today: due soon, not overdue (the day is not over)

    assert queue(staff["case"], "due_soon") == {a[0].number, a[3].number}
    assert queue(staff["case"], "overdue") == {a[2].number}
    # The same applications a week earlier: nothing is due soon or overdue.
    assert queue(staff["case"], "due_soon", today=date(2026, 3, 9)) == set()
    assert queue(staff["case"], "overdue", today=date(2026, 3, 9)) == set()


def test_a_friday_holiday_stretches_the_due_soon_window(applicant, staff):
    accepted = move(submit(applicant), ("accept", staff["reception"]))
    wednesday = date(2026, 4, 15)  # a fortnight with no statutory holiday
    set_due(accepted, date(2026, 4, 20))  # Monday: 3 working days after Wednesday
    assert queue(staff["case"], "due_soon", today=wednesday) == {accepted.number}
    set_due(accepted, date(2026, 4, 21))  # Tuesday: 4 working days away
    assert queue(staff["case"], "due_soon", today=wednesday) == set()
    # The Cabinet moves a day off to Friday 17 April: Tuesday is now within 3 working days.
    CalendarOverride.objects.create(date=date(2026, 4, 17), kind="holiday", name_en="Moved")
    assert queue(staff["case"], "due_soon", today=wednesday) == {accepted.number}


def test_closed_applications_are_never_due_soon_or_overdue(applicant, staff):
    returned = move(submit(applicant), ("return", staff["reception"]))
    set_due(returned, date(2026, 3, 1))
    assert queue(staff["case"], "overdue") == set()
    assert returned.number in queue(staff["case"], "all")


def test_awaiting_my_approval_leaves_out_my_own_proposals_and_needs_the_right(applicant, staff):
    proposed = move(
        submit(applicant),
        ("accept", staff["reception"]),
        ("start_review", staff["head"]),
        ("propose_approval", staff["head"]),
    )
    assert queue(staff["head"], "awaiting_my_approval") == set()  # four eyes
    assert queue(staff["head2"], "awaiting_my_approval") == {proposed.number}
    assert queue(staff["case"], "awaiting_my_approval") == set()  # cannot approve
    assert queue(staff["ganja"], "awaiting_my_approval") == set()


def test_counts_of_every_queue_come_from_one_query(applicant, staff):
    submit(applicant)
    move(submit(applicant), ("accept", staff["reception"]))
    with CaptureQueriesContext(connection) as captured:
        counts = queue_counts(user=staff["case"], today=THURSDAY)
    on_applications = [q for q in captured.captured_queries if "cases_application" in q["sql"]]
    assert len(on_applications) == 1
    assert counts["all"] == 2 and counts["new"] == 1
    assert set(counts) == set(queues.QUEUES)


def test_filters_narrow_the_queue(applicant, staff, django_capture_on_commit_callbacks):
    stay = submit(applicant, surname="Güneş")
    trp = submit(applicant, service="trp-issue", district="guba", surname="Ivanova")
    accepted = move(submit(applicant, surname="Smith"), ("accept", staff["reception"]))
    application_flag_set(
        application=accepted, flag="documents_requested", actor=staff["case"], reason="Photo"
    )
    case = staff["case"]
    from umis.accounts.models import District

    assert queue(case, "all", service="trp-issue") == {trp.number}
    assert queue(case, "all", status="accepted") == {accepted.number}
    assert queue(case, "all", district=District.objects.get(code="guba").pk) == {trp.number}
    assert queue(case, "all", flag="documents_requested") == {accepted.number}
    assert queue(case, "all", assigned="none") == {stay.number, trp.number, accepted.number}
    assert (
        queue(case, "all", submitted_from=date(2000, 1, 1), submitted_to=date(2000, 1, 2)) == set()
    )
    today = timezone.localtime(stay.submitted_at, SERVICE_TZ).date()  # the Service's day
    assert len(queue(case, "all", submitted_from=today, submitted_to=today)) == 3


@pytest.mark.parametrize("typed", ["güneş", "GÜNEŞ", "Güneş", "gün", "GÜN"])
def test_search_by_surname_ignores_case_in_any_script(applicant, staff, typed):
    found = submit(applicant, surname="Güneş")
    submit(applicant, surname="Smith")
    assert queue(staff["case"], "all", query=typed) == {found.number}


def test_search_by_number_in_full_or_its_last_eight_characters(applicant, staff):
    found = submit(applicant)
    submit(applicant)
    assert queue(staff["case"], "all", query=found.number.lower()) == {found.number}
    assert queue(staff["case"], "all", query=found.number[-8:]) == {found.number}


def test_a_ganja_officer_does_not_find_a_khachmaz_application_by_number(applicant, staff):
    khachmaz = submit(applicant)
    assert queue(staff["ganja"], "all", query=khachmaz.number) == set()


def test_the_page_is_sorted_by_due_date_then_submission(applicant, staff):
    first = submit(applicant)
    second = submit(applicant)
    later = move(submit(applicant), ("accept", staff["reception"]))
    sooner = move(submit(applicant), ("accept", staff["reception"]))
    set_due(later, date(2026, 4, 30))
    set_due(sooner, date(2026, 4, 1))
    ordered = queue_applications(
        user=staff["case"], queue="all", filters=QueueFilters(), today=THURSDAY
    )
    assert [a.number for a in ordered] == [sooner.number, later.number, first.number, second.number]


def test_every_list_is_audited_with_the_numbers_shown(applicant, staff):
    shown = submit(applicant)
    submit(applicant, district="ganja")
    page = queue_page_for_staff(
        user=staff["case"], queue="all", filters=QueueFilters(query="rez"), today=THURSDAY
    )
    assert [a.number for a in page.rows] == [shown.number]
    entry = AuditEntry.objects.filter(action="application.search").latest("seq")
    assert entry.actor_username == staff["case"].username
    assert entry.details["shown"] == [shown.number]
    assert entry.details["count"] == 1
    assert entry.details["filters"] == {"query": "rez"}
    assert entry.details["queue"] == "all"


def _page_queries(user, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        page = queue_page_for_staff(user=user, queue="all", filters=QueueFilters(), today=THURSDAY)
    return page, len(captured.captured_queries)


def test_the_query_count_does_not_grow_with_the_page(
    applicant, staff, django_assert_max_num_queries
):
    officer = staff["case"]
    for _ in range(2):
        move(submit(applicant), ("accept", staff["reception"]))
    queues.due_soon_until(THURSDAY)
    small, few = _page_queries(officer, django_assert_max_num_queries, 30)
    for _ in range(8):
        a = move(submit(applicant), ("accept", staff["reception"]))
        application_flag_set(application=a, flag="checks_pending", actor=officer)
    from umis.cases.models import Application

    Application.objects.update(assigned_to=officer)
    big, many = _page_queries(officer, django_assert_max_num_queries, few)
    assert len(small.rows) == 2 and len(big.rows) == 10
    assert many <= few
