"""Writing notifications: the outbox row and its task, in the caller's transaction."""

from __future__ import annotations

from django.db import transaction

from umis.cases.models import ApplicationEvent
from umis.core.row_insert import insert_row
from umis.notifications.messages import language_for, render_subject
from umis.notifications.models import Channel, Notification
from umis.notifications.tasks import send_status_email


@transaction.atomic(savepoint=False)
def notification_email_enqueue(*, event: ApplicationEvent) -> Notification | None:
    """Record the status e-mail for ``event`` and queue the task that sends it.

    Both rows are written in the current transaction (the database task backend is the
    outbox), so they exist exactly when the status change does. Returns None when the
    applicant has no e-mail address: there is nobody to write to.
    """
    applicant = event.application.applicant
    if not applicant.email:
        return None
    language = language_for(applicant)
    # The event was written in this transaction, so no e-mail for it can exist yet; the
    # (event, channel) constraint turns a second call for it into an error, not an e-mail.
    notification = insert_row(
        Notification(
            event=event,
            channel=Channel.EMAIL,
            application=event.application,
            recipient=applicant.email,
            language=language,
            subject=render_subject(event=event, language=language),
        )
    )
    send_status_email.enqueue(notification.pk)
    return notification
