"""Sending the status e-mail: once, in the applicant's language, retried with backoff.

The database task backend has no retries of its own, so a failed send re-enqueues the
task with a later ``run_after`` (exponential backoff with jitter) and counts the attempt
on the notification; after ``MAX_ATTEMPTS`` the notification is marked failed for staff
to see. The notification row is locked while sending and marked sent in the same
transaction, so two workers picking up the same task never both send.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from umis.cases.models import ApplicationEvent
from umis.notifications.messages import render_body, render_subject
from umis.notifications.models import Notification, NotificationStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 30  # then 2 min, 8 min, 32 min, ~2 h
BACKOFF_FACTOR = 4
JITTER = 0.2  # up to 20% later, so retries after an outage do not arrive all at once


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number ``attempt`` (1-based)."""
    seconds = BASE_DELAY_SECONDS * BACKOFF_FACTOR ** (attempt - 1)
    return timedelta(seconds=seconds * (1 + random.uniform(0, JITTER)))


@task()
def send_status_email(notification_id: int) -> str:
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != NotificationStatus.PENDING:
            # Already sent (or given up on): a duplicate run must not send again.
            return notification.status if notification else "missing"
        event = ApplicationEvent.objects.select_related("application").get(pk=notification.event_id)
        notification.attempts += 1
        try:
            subject = render_subject(event=event, language=notification.language)
            body = render_body(event=event, language=notification.language)
            send_mail(
                subject,
                body,
                settings.DEFAULT_FROM_EMAIL,
                [notification.recipient],
                fail_silently=False,
            )
        except Exception as exc:  # any failure of the mail system is retried
            _record_failure(notification, exc)
            return notification.status
        notification.subject = subject
        notification.status = NotificationStatus.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        notification.save()
        return notification.status


def _record_failure(notification: Notification, exc: Exception) -> None:
    notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if notification.attempts >= MAX_ATTEMPTS:
        notification.status = NotificationStatus.FAILED
        logger.error(
            "Status e-mail %s failed after %d attempts: %s",
            notification.pk,
            notification.attempts,
            notification.last_error,
        )
    else:
        run_after = timezone.now() + retry_delay(notification.attempts)
        # Written in this transaction with the attempt count: both or neither.
        send_status_email.using(run_after=run_after).enqueue(notification.pk)
        logger.warning(
            "Status e-mail %s failed (attempt %d), retrying after %s: %s",
            notification.pk,
            notification.attempts,
            run_after.isoformat(),
            notification.last_error,
        )
    notification.save()
