"""The person a use case is about: the file on record when it is surely them, else a new
file (flagged against the files it may duplicate).

For use cases that may link to an existing file (a returning applicant, a permit holder,
a person a host registers); an officer creating a file by hand gets a new file and the
flags instead.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from umis.accounts.models import User
from umis.audit.services import audit_record
from umis.people.dates import PartialDate
from umis.people.duplicates import match_thresholds, person_find_likely
from umis.people.fin import normalise_fin
from umis.people.models import Person, document_number_index
from umis.people.profiles import profile_from_values
from umis.people.services import document_add, person_create, person_fin_record


def _profile(fields: dict[str, Any], document_number: str, fin: str) -> Any:
    try:
        birth = PartialDate.coerce(fields.get("birth_date"))
    except (TypeError, ValueError):
        return None  # person_create names the field
    return profile_from_values(
        surname_latin=fields.get("surname_latin", ""),
        given_names_latin=fields.get("given_names_latin", ""),
        patronymic_latin=fields.get("patronymic_latin", ""),
        surname_native=fields.get("surname_native", ""),
        given_names_native=fields.get("given_names_native", ""),
        patronymic_native=fields.get("patronymic_native", ""),
        birth=birth,
        sex=fields.get("sex", ""),
        nationality=str(fields.get("nationality", "")).upper(),
        document_indexes=[document_number_index(document_number)] if document_number else [],
        fin=fin or None,
    )


@transaction.atomic
def person_match_or_create(
    *,
    actor: Any,
    request: HttpRequest | None = None,
    found_by: str,
    document: dict[str, Any] | None = None,
    fin: str = "",
    **fields: Any,
) -> tuple[Person, bool]:
    """(person, created). ``fields`` are ``person_create``'s; ``document`` (type, number,
    issuing_state, ...) is ``document_add``'s and ``fin`` a FIN the Service issued before
    (``person_fin_record``), both put on a new file only: an existing file already holds
    them or the officer completes it."""
    number = str((document or {}).get("number", ""))
    fin = normalise_fin(fin) if fin else ""
    profile = _profile(fields, number, fin)
    if profile is not None:
        sure, _possible = match_thresholds()
        matches = [
            match
            for match in person_find_likely(profile=profile, minimum=sure)
            if match.may_link_automatically
        ]
        if matches:
            match = matches[0]
            person = Person.objects.get(pk=match.person_id)
            audit_record(
                action="person.match_link",
                target_type="person",
                target_id=person.pk,
                request=request,
                actor=actor if isinstance(actor, User) else None,
                details={"probability": match.probability, "found_by": found_by},
            )
            return person, False
    person = person_create(actor=actor, request=request, found_by=found_by, **fields)
    if document:
        document_add(person=person, actor=actor, request=request, **document)
    if fin:
        person_fin_record(person=person, fin=fin, actor=actor, request=request, found_by=found_by)
    return person, True
