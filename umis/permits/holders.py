"""Who a permit is issued to: the person file of the application's subject.

Identity resolution (matching across scripts, transliterations and documents, merging
duplicate files) is a later piece of work. Until then the holder is, in this order: the
person the application is already linked to; else the person with exactly this document
number (through its blind index) and exactly this date of birth; else a new person file
made from the form's person fields. The application is then linked to the holder.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from umis.cases.models import Application
from umis.people.models import IdentityDocument, Person, document_number_index
from umis.people.services import document_add, person_create
from umis.people.validation import normalise_document_number

# The form asks for the "passport or travel document number" only: which of them it is,
# and its expiry, are for an officer to complete on the person's file.
FORM_DOCUMENT_TYPE = "other"
UNSPECIFIED_STATE = "XXX"


def _find(number: str, birth: date) -> Person | None:
    documents = IdentityDocument.objects.filter(number_index=document_number_index(number))
    return (
        Person.objects.filter(
            pk__in=documents.values("person_id"),
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
        )
        .order_by("pk")  # the oldest file, should there be duplicates to merge later
        .first()
    )


def _create(application: Application, actor: Any, request: HttpRequest | None) -> Person:
    form = application.form_data
    nationality = str(form["nationality"]).upper()
    person = person_create(
        actor=actor,
        request=request,
        surname_latin=form["surname"],
        given_names_latin=form.get("given_names", ""),
        birth_date=date.fromisoformat(form["birth_date"]),
        sex=form["sex"],
        nationality=nationality,
        place_of_stay_district=application.place_of_stay_district,
        address=form.get("address", ""),
    )
    document_add(
        person=person,
        actor=actor,
        request=request,
        type=FORM_DOCUMENT_TYPE,
        number=form["document_number"],
        # A stateless person's or a refugee's travel document is issued by a state the
        # form does not ask for.
        issuing_state=UNSPECIFIED_STATE if nationality.startswith("XX") else nationality,
    )
    return person


def holder_for(
    *, application: Application, actor: Any, request: HttpRequest | None = None
) -> Person:
    """The permit holder for ``application``, linked to it; call inside the issue."""
    if application.person_id is not None:
        return application.person
    form = application.form_data
    number = normalise_document_number(str(form.get("document_number", "")))
    person = _find(number, date.fromisoformat(form["birth_date"])) if number else None
    if person is None:
        person = _create(application, actor, request)
    Application.objects.filter(pk=application.pk).update(person=person)
    application.person = person
    return person
