"""Applications for the office tests, made through the real services (no API round trip)."""

from __future__ import annotations

from datetime import date

from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.cases.intake import application_apply_online
from umis.cases.models import Application
from umis.cases.services import application_flag_clear, application_transition


def submit(
    applicant,
    *,
    service: str = "stay-registration",
    district: str = "gusar",
    surname: str = "Rezaei",
    given_names: str = "Mohammad Reza",
) -> Application:
    if service == "stay-registration":
        form = stay_registration_data(district=district, surname=surname, given_names=given_names)
    else:
        form = trp_issue_data(district=district, surname=surname, given_names=given_names)
    application, _code = application_apply_online(
        applicant=applicant, service_code=service, form_data=form, district_code=district
    )
    return application


def move(application: Application, *steps) -> Application:
    """``move(a, ("accept", reception), ("start_review", case))``."""
    for name, actor, *reason in steps:
        application = application_transition(
            application=application,
            transition=name,
            actor=actor,
            reason=reason[0] if reason else "Because.",
        )
    return application


def checks_cleared_by_officer(application: Application, officer) -> Application:
    """The officer clears "checks pending", having checked by other means (as the office
    page's button does): what lets an officer approve before the systems have answered."""
    if "checks_pending" not in application.flags:
        return application
    return application_flag_clear(
        application=application,
        flag="checks_pending",
        actor=officer,
        reason="Checked by other means.",
    )


def set_due(application: Application, due: date | None) -> Application:
    """Tests of deadlines pin the due date instead of waiting for the calendar."""
    Application.objects.filter(pk=application.pk).update(due_date=due)
    application.refresh_from_db()
    return application
