"""The person file of an application's subject, found or made when the Service takes the
case in: on acceptance, or on the automatic decision of a service that has no acceptance
step, inside that transition's transaction. A permit's holder is the same file.

The file is, in this order: the person the application is already linked to; else the
file on record that is surely this person (names across scripts, birth date, document
number through its blind index: ``person_match_or_create``); else a new person file made
from the form's subject fields, flagged against the files it may duplicate. The
application is then linked to it. Drafts and submissions make no file: a person is put on
record once the Service has the case, not for every form sent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from umis.cases.effects import in_transaction
from umis.cases.models import Application, ApplicationEvent
from umis.people.models import Person
from umis.people.resolution import person_match_or_create

# The form asks for the "passport or travel document number" only: which of them it is,
# and its expiry, are for an officer to complete on the person's file.
FORM_DOCUMENT_TYPE = "other"
UNSPECIFIED_STATE = "XXX"


def _match_or_create(
    application: Application, actor: Any, request: HttpRequest | None, found_by: str
) -> Person:
    form = application.form_data
    nationality = str(form["nationality"]).upper()
    person, _created = person_match_or_create(
        actor=actor,
        request=request,
        found_by=found_by,
        surname_latin=form["surname"],
        given_names_latin=form.get("given_names", ""),
        birth_date=date.fromisoformat(form["birth_date"]),
        sex=form["sex"],
        nationality=nationality,
        place_of_stay_district=application.place_of_stay_district,
        address=form.get("address", ""),
        document={
            "type": FORM_DOCUMENT_TYPE,
            "number": form["document_number"],
            # A stateless person's or a refugee's travel document is issued by a state the
            # form does not ask for.
            "issuing_state": UNSPECIFIED_STATE if nationality.startswith("XX") else nationality,
        },
    )
    return person


def application_person_resolve(
    *,
    application: Application,
    actor: Any,
    request: HttpRequest | None = None,
    found_by: str = "application.intake",
) -> Person:
    """The person file of ``application``'s subject, linked to it; call inside a write."""
    if application.person_id is not None:
        return application.person
    person = _match_or_create(application, actor, request, found_by)
    Application.objects.filter(pk=application.pk).update(person=person)
    application.person = person
    return person


def _has_subject(application: Application) -> bool:
    form = application.form_data or {}
    return all(form.get(name) for name in ("surname", "birth_date", "sex", "nationality")) and bool(
        form.get("document_number")
    )


@in_transaction("accept")
@in_transaction("auto_approve")
def person_link_on_intake(event: ApplicationEvent) -> None:
    application = event.application
    if application.person_id is None and _has_subject(application):
        application_person_resolve(
            application=application, actor=event.actor, found_by=f"application.{event.transition}"
        )
