"""Applying and running the worker, for the tests of checks and of the confirmation."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.cases.intake import application_apply_online


def confirmed_applicant(username: str = "guest") -> User:
    return User.objects.create_user(
        username=username,
        password="x",
        role=Role.APPLICANT,
        email=f"{username}@example.org",
        preferred_language="en",
        email_confirmed_at=timezone.now(),
    )


def apply(applicant, service="stay-registration", **changes):
    data = (stay_registration_data if service == "stay-registration" else trp_issue_data)(**changes)
    application, _code = application_apply_online(
        applicant=applicant, service_code=service, form_data=data
    )
    return application


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def keep_test_connection(monkeypatch):
    # The worker drops connections between tasks; inside the test's transaction that
    # would close the connection under the test.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
