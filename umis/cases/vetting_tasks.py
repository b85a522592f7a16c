"""The background task that polls a security vetting (see ``umis.cases.vetting``)."""

from __future__ import annotations

from django_tasks import task


@task()
def poll_security_vetting(ticket: str) -> str:
    # Imported here: the service module queues this task, so it imports this module.
    from umis.cases.vetting import security_vetting_poll

    return security_vetting_poll(ticket=ticket)
