"""Issuing an application creates its permit, inside the ``issue`` transition itself.

An in-transaction effect (``umis.cases.effects``): the permit, its number, the holder's
FIN and their audit rows commit with the application's ``issued`` status or not at all.
The Service's own issue of a confirmed stay registration (``umis.cases.checks_decision``)
goes through the same transition, so it gets its permit the same way.
"""

from __future__ import annotations

from umis.cases.effects import in_transaction
from umis.cases.models import ApplicationEvent
from umis.permits.services import permit_issue


@in_transaction("issue")
def issue_permit(event: ApplicationEvent) -> None:
    permit_issue(application=event.application, actor=event.actor)
