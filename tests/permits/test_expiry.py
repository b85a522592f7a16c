"""The daily expiry: idempotent, audited, and always exactly one run queued for tomorrow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.cases.checks_helpers import keep_test_connection, run_worker
from umis.audit.models import AuditEntry
from umis.permits.models import Permit
from umis.permits.services import permit_revoke, permits_expire
from umis.permits.tasks import expire_permits, next_run_after, schedule_expiry

pytestmark = pytest.mark.django_db

TASK = "umis.permits.tasks.expire_permits"


def pending():
    return list(DBTaskResult.objects.filter(task_path=TASK, status="READY"))


def ending(permit, days_ago):
    day = timezone.localdate() - timedelta(days=days_ago)
    Permit.objects.filter(pk=permit.pk).update(valid_from=day - timedelta(days=90), valid_to=day)


def test_permits_past_their_last_day_expire_once(trp_permit, staff, applicant):
    from tests.permits.conftest import issue

    still_valid_today = issue(applicant, staff, document_number="P55555555")
    ending(trp_permit, days_ago=1)
    ending(still_valid_today, days_ago=0)  # today is its last valid day
    assert permits_expire() == 1
    assert Permit.objects.get(pk=trp_permit.pk).status == "expired"
    assert Permit.objects.get(pk=still_valid_today.pk).status == "active"
    event = Permit.objects.get(pk=trp_permit.pk).events.last()
    assert (event.action, event.actor) == ("expire", None)
    entry = AuditEntry.objects.get(action="permit.expire")
    assert (entry.target_id, entry.actor_kind) == (trp_permit.number, "system")
    # Idempotent: a second run (a duplicate task, the command by hand) does nothing.
    assert permits_expire() == 0
    assert AuditEntry.objects.filter(action="permit.expire").count() == 1


def test_a_revoked_permit_stays_revoked(trp_permit, staff):
    permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="expulsion")
    ending(trp_permit, days_ago=5)
    assert permits_expire() == 0
    assert Permit.objects.get(pk=trp_permit.pk).status == "revoked"


def test_batches_go_on_until_everything_is_expired(applicant, staff):
    from tests.permits.conftest import issue

    permits = [issue(applicant, staff, document_number=f"P1000000{i}") for i in range(5)]
    for permit in permits:
        ending(permit, days_ago=2)
    assert permits_expire(batch_size=2) == 5
    assert set(Permit.objects.values_list("status", flat=True)) == {"expired"}


def test_only_one_run_is_ever_pending():
    assert schedule_expiry() is True
    assert schedule_expiry() is False
    assert schedule_expiry() is False
    [run] = pending()
    assert run.run_after == next_run_after()
    # Asked for sooner (the demo's seeding): the pending run moves, no second one appears.
    soon = timezone.now()
    assert schedule_expiry(run_after=soon) is False
    [run] = pending()
    assert run.run_after == soon


def test_extra_copies_left_by_hand_are_removed():
    expire_permits.enqueue()
    expire_permits.enqueue()
    assert len(pending()) == 2
    schedule_expiry()
    assert len(pending()) == 1


def test_the_next_run_is_tomorrow_early_in_baku():
    from datetime import datetime

    from umis.core.calendar import SERVICE_TZ

    late_evening = datetime(2026, 3, 15, 23, 50, tzinfo=SERVICE_TZ)
    assert next_run_after(late_evening) == datetime(2026, 3, 16, 0, 10, tzinfo=SERVICE_TZ)


def test_the_task_expires_and_queues_itself_for_the_next_day(trp_permit, monkeypatch):
    keep_test_connection(monkeypatch)
    ending(trp_permit, days_ago=1)
    schedule_expiry(run_after=timezone.now())
    run_worker()
    assert Permit.objects.get(pk=trp_permit.pk).status == "expired"
    done = DBTaskResult.objects.filter(task_path=TASK, status="SUCCESSFUL").get()
    assert done.return_value == 1
    [tomorrow] = pending()
    assert tomorrow.run_after > timezone.now()
    run_worker()  # not due yet: nothing runs, nothing more is queued
    assert len(pending()) == 1


def test_the_command_runs_it_now(trp_permit, capsys):
    ending(trp_permit, days_ago=1)
    call_command("permits_expire")
    assert "Permits expired: 1." in capsys.readouterr().out
    assert Permit.objects.get(pk=trp_permit.pk).status == "expired"
    assert len(pending()) == 1
