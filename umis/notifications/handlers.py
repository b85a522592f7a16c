"""Every status change, and a request for documents, queues an e-mail to the applicant,
inside the change's transaction."""

from __future__ import annotations

from umis.cases.effects import ALL, in_transaction
from umis.cases.models import ApplicationEvent
from umis.cases.states import TRANSITIONS
from umis.notifications.messages import is_documents_request
from umis.notifications.services import notification_email_enqueue


@in_transaction(ALL)
def queue_status_email(event: ApplicationEvent) -> None:
    # Other flag changes are the Service's internal bookkeeping: nothing to tell.
    if event.transition in TRANSITIONS or is_documents_request(event):
        notification_email_enqueue(event=event)
