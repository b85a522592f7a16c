"""Every status change queues an e-mail to the applicant, inside the change's transaction."""

from __future__ import annotations

from umis.cases.effects import ALL, in_transaction
from umis.cases.models import ApplicationEvent
from umis.notifications.services import notification_email_enqueue


@in_transaction(ALL)
def queue_status_email(event: ApplicationEvent) -> None:
    notification_email_enqueue(event=event)
