from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.notifications.backends import FlakyBackend
from umis.cases.services import application_transition
from umis.notifications.models import Notification, NotificationStatus
from umis.notifications.tasks import MAX_ATTEMPTS, send_status_email

pytestmark = pytest.mark.django_db

TASK_PATH = "umis.notifications.tasks.send_status_email"


def _queued():
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("enqueued_at"))


def _run_queued():
    """What the worker would do: run every queued send (ignoring run_after)."""
    for row in _queued():
        send_status_email.call(*row.args_kwargs["args"])


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.failures_left = 0
    yield FlakyBackend
    FlakyBackend.failures_left = 0


def test_submit_queues_one_email_in_the_transaction_and_the_task_sends_it(
    applicant_factory, draft_factory
):
    applicant = applicant_factory(preferred_language="en")
    draft = draft_factory(applicant)
    assert _queued() == []  # creating a draft is not a status change

    application = application_transition(application=draft, transition="submit", actor=applicant)

    notification = Notification.objects.get(application=application)
    assert notification.status == NotificationStatus.PENDING
    assert len(_queued()) == 1
    assert mail.outbox == []  # nothing leaves the process inside the change

    _run_queued()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant.email]
    assert message.subject == f"Application {application.number}: Submitted"
    assert "temporary_residence" in message.body
    assert "Submitted" in message.body
    assert "tell you when it is accepted" in message.body
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.sent_at is not None


@pytest.mark.parametrize(
    "language, expected",
    [("az", "Ərizə"), ("ru", "Заявление"), ("en", "Application")],
)
def test_email_is_written_in_the_applicants_language(
    applicant_factory, draft_factory, reception, language, expected
):
    applicant = applicant_factory(preferred_language=language)
    application = application_transition(
        application=draft_factory(applicant), transition="submit", actor=applicant
    )
    application_transition(
        application=application,
        transition="return",
        actor=reception,
        reason="The passport copy is unreadable.",
    )
    _run_queued()

    assert len(mail.outbox) == 2  # every status change, the applicant's own included
    returned = mail.outbox[1]
    assert returned.subject.startswith(expected)
    assert application.number in returned.subject
    assert "The passport copy is unreadable." in returned.body
    assert Notification.objects.filter(language=language).count() == 2


def test_rolled_back_transition_queues_and_sends_nothing(applicant_factory, draft_factory):
    applicant = applicant_factory()
    draft = draft_factory(applicant)

    with pytest.raises(RuntimeError), transaction.atomic():
        application_transition(application=draft, transition="submit", actor=applicant)
        assert len(_queued()) == 1  # the task row is written with the change...
        raise RuntimeError("something later in the same request failed")

    assert _queued() == []  # ...and goes away with it
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_running_the_task_twice_sends_one_email(applicant_factory, draft_factory):
    applicant = applicant_factory()
    application_transition(
        application=draft_factory(applicant), transition="submit", actor=applicant
    )
    notification = Notification.objects.get()

    send_status_email.call(notification.pk)
    send_status_email.call(notification.pk)

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_applicant_without_email_gets_no_notification(applicant_factory, draft_factory):
    applicant = applicant_factory(email="")
    application = application_transition(
        application=draft_factory(applicant), transition="submit", actor=applicant
    )
    assert application.status == "submitted"
    assert not Notification.objects.exists()
    assert _queued() == []


def test_failed_send_is_retried_later_with_backoff_then_sent_once(
    applicant_factory, draft_factory, flaky
):
    applicant = applicant_factory()
    application_transition(
        application=draft_factory(applicant), transition="submit", actor=applicant
    )
    notification = Notification.objects.get()
    flaky.failures_left = 1

    before = timezone.now()
    send_status_email.call(notification.pk)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert "mail server unreachable" in notification.last_error
    assert mail.outbox == []
    retry = _queued()[-1]
    assert len(_queued()) == 2
    assert retry.run_after >= before + timedelta(seconds=30)
    assert retry.run_after <= before + timedelta(seconds=40)  # 30 s plus at most 20% jitter

    send_status_email.call(*retry.args_kwargs["args"])
    send_status_email.call(*retry.args_kwargs["args"])  # a duplicate delivery of the retry

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 2
    assert notification.last_error == ""


def test_backoff_grows_and_gives_up_after_max_attempts(applicant_factory, draft_factory, flaky):
    applicant = applicant_factory()
    application_transition(
        application=draft_factory(applicant), transition="submit", actor=applicant
    )
    notification = Notification.objects.get()
    flaky.failures_left = MAX_ATTEMPTS + 5

    delays = []
    for _attempt in range(MAX_ATTEMPTS):
        started = timezone.now()
        send_status_email.call(notification.pk)
        latest = _queued()[-1]
        delays.append((latest.run_after - started).total_seconds())

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == MAX_ATTEMPTS
    # One first send plus a retry after each failure but the last.
    assert len(_queued()) == 1 + (MAX_ATTEMPTS - 1)
    retry_delays = delays[: MAX_ATTEMPTS - 1]
    pairs = zip(retry_delays, retry_delays[1:], strict=False)
    assert all(later > earlier * 3 for earlier, later in pairs)

    send_status_email.call(notification.pk)  # a stray run after giving up
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.attempts == MAX_ATTEMPTS


def test_the_worker_sends_queued_email_and_waits_for_a_retry_until_it_is_due(
    applicant_factory, draft_factory, flaky, monkeypatch
):
    # The worker drops connections between tasks; inside the test's transaction that
    # would close the connection under the test, so keep it.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    applicant = applicant_factory()
    application_transition(
        application=draft_factory(applicant), transition="submit", actor=applicant
    )
    flaky.failures_left = 1

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    notification = Notification.objects.get()
    assert notification.attempts == 1  # the worker ran it; the mail server refused
    assert mail.outbox == []

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert mail.outbox == []  # the retry is not due yet

    DBTaskResult.objects.filter(task_path=TASK_PATH).update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
