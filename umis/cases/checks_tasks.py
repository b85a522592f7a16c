"""The background task that runs an application's checks (see ``umis.cases.checks``)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_application_checks(number: str) -> str:
    # Imported here: the service module queues this task, so it imports this module.
    from umis.cases.checks import application_checks_run

    return application_checks_run(number=number)
