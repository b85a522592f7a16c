"""Issuing an application creates its permit, inside the ``issue`` transition itself.

An in-transaction effect (``umis.cases.effects``): the permit, its number, the holder's
FIN and their audit rows commit with the application's ``issued`` status or not at all.
The Service's own issue of a confirmed stay registration (``umis.cases.checks_decision``)
goes through the same transition, so it gets its permit the same way. When the application
came with a photograph, the task that makes the permit's is queued in the same transaction.
"""

from __future__ import annotations

from umis.cases.effects import in_transaction
from umis.cases.models import ApplicationEvent
from umis.permits.photos import PHOTO_KIND
from umis.permits.services import permit_issue
from umis.permits.tasks import make_permit_photo


@in_transaction("issue")
def issue_permit(event: ApplicationEvent) -> None:
    permit = permit_issue(application=event.application, actor=event.actor)
    if permit is not None and event.application.documents.filter(kind=PHOTO_KIND).exists():
        make_permit_photo.enqueue(permit.pk)
