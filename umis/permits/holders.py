"""Who a permit is issued to: the person file of the application's subject.

The holder is, in this order: the person the application is already linked to; else the
file on record that is surely this person (names across scripts, birth date, document
number through its blind index: ``person_match_or_create``); else a new person file made
from the form's person fields, flagged against the files it may duplicate. The application
is then linked to the holder.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from umis.cases.models import Application
from umis.people.models import Person
from umis.people.resolution import person_match_or_create

# The form asks for the "passport or travel document number" only: which of them it is,
# and its expiry, are for an officer to complete on the person's file.
FORM_DOCUMENT_TYPE = "other"
UNSPECIFIED_STATE = "XXX"


def _match_or_create(application: Application, actor: Any, request: HttpRequest | None) -> Person:
    form = application.form_data
    nationality = str(form["nationality"]).upper()
    person, _created = person_match_or_create(
        actor=actor,
        request=request,
        found_by="permit.issue",
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


def holder_for(
    *, application: Application, actor: Any, request: HttpRequest | None = None
) -> Person:
    """The permit holder for ``application``, linked to it; call inside the issue."""
    if application.person_id is not None:
        return application.person
    person = _match_or_create(application, actor, request)
    Application.objects.filter(pk=application.pk).update(person=person)
    application.person = person
    return person
