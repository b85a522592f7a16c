"""Writes to the persons registry: one function per use case, each in one transaction with
its audit row.

``actor`` is the member of staff (or API client) acting; None means the system itself
(demo data, tasks). ``request`` gives the audit log the request id and address.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import District, User
from umis.audit.services import audit_record
from umis.core.errors import Conflict, ValidationFailed
from umis.people.dates import PartialDate
from umis.people.duplicates import person_after_write, person_keys_refresh
from umis.people.fin import is_fin, normalise_fin, random_fin
from umis.people.models import FinAllocation, IdentityDocument, Person, document_number_index
from umis.people.mrz import MrzError, parse_td3
from umis.people.names import name_search_key
from umis.people.validation import (
    PERSON_FIELDS,
    clean_document_fields,
    clean_person_fields,
    has_control_characters,
    mrz_disagreements,
)

FIN_ATTEMPTS = 20
MRZ_TYPES = frozenset({"passport", "stateless_travel_document", "refugee_travel_document"})


def _today() -> date:
    return timezone.localdate()


def _audit(
    *,
    action: str,
    person: Person,
    actor: Any,
    request: HttpRequest | None,
    details: dict[str, Any],
    reason: str = "",
) -> None:
    # An API client acts through the request (the audit log reads it from there); only a
    # user is passed as the actor.
    audit_record(
        action=action,
        target_type="person",
        target_id=person.pk,
        request=request,
        actor=actor if isinstance(actor, User) else None,
        reason=reason,
        details=details,
    )


def _refresh_search_key(person: Any) -> None:
    person.name_search_key = name_search_key(
        person.surname_latin,
        person.given_names_latin,
        person.patronymic_latin,
        person.surname_native,
        person.given_names_native,
        person.patronymic_native,
    )


def search_keys_rebuild(*, persons: Any = None, batch_size: int = 2000) -> int:
    """Rewrite every file's name search key, a batch per transaction; returns the keys
    changed. ``persons`` is the model to use (a migration passes its historical one)."""
    model = persons or Person
    changed, last = 0, 0
    while True:
        batch = list(model.objects.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return changed
        stale = []
        for person in batch:
            before = person.name_search_key
            _refresh_search_key(person)
            if person.name_search_key != before:
                stale.append(person)
        with transaction.atomic():
            model.objects.bulk_update(stale, ["name_search_key"])
        changed += len(stale)
        last = batch[-1].pk


@transaction.atomic
def person_create(
    *,
    actor: Any,
    request: HttpRequest | None = None,
    surname_latin: str,
    given_names_latin: str = "",
    patronymic_latin: str = "",
    surname_native: str = "",
    given_names_native: str = "",
    patronymic_native: str = "",
    birth_date: PartialDate | date | str,
    sex: str,
    nationality: str,
    email: str = "",
    phone: str = "",
    place_of_stay_district: District | int | None = None,
    address: str = "",
    found_by: str = "person.create",
) -> Person:
    """A new file; ``found_by`` names the use case in the audit and on the flags raised."""
    data = {
        "surname_latin": surname_latin,
        "given_names_latin": given_names_latin,
        "patronymic_latin": patronymic_latin,
        "surname_native": surname_native,
        "given_names_native": given_names_native,
        "patronymic_native": patronymic_native,
        "birth_date": birth_date,
        "sex": sex,
        "nationality": nationality,
        "email": email,
        "phone": phone,
        "place_of_stay_district": place_of_stay_district,
        "address": address,
    }
    clean, errors = clean_person_fields(
        data,
        required={"surname_latin", "birth_date", "sex", "nationality"},
        actor=actor,
        today=_today(),
    )
    if errors:
        raise ValidationFailed(fields=dict(errors))
    person = Person(**clean)
    _refresh_search_key(person)
    person.save()
    _audit(
        action="person.create",
        person=person,
        actor=actor,
        request=request,
        details={"nationality": person.nationality, "found_by": found_by},
    )
    person_after_write(person=person, actor=actor, request=request, found_by=found_by)
    return person


def _lock_current(person: Person) -> Person:
    """The person's row, locked; a file merged into another is not changed any more."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.merged_into_id:
        raise Conflict(
            _("This file was merged into another one; change that file instead."),
            code="person_merged",
        )
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    actor: Any,
    data: dict[str, Any],
    request: HttpRequest | None = None,
    reason: str = "",
) -> Person:
    """Change the given fields only (a partial update); the audit row names the fields
    changed, not their values."""
    unknown = sorted(set(data) - PERSON_FIELDS)
    if unknown:
        raise ValidationFailed(
            fields={name: _("This field cannot be changed here.") for name in unknown}
        )
    clean, errors = clean_person_fields(data, required=set(), actor=actor, today=_today())
    if errors:
        raise ValidationFailed(fields=dict(errors))
    person = _lock_current(person)
    changed = sorted(
        name
        for name, value in clean.items()
        if getattr(person, name if name != "place_of_stay_district" else name + "_id")
        != (value.pk if isinstance(value, District) else value)
    )
    if not changed:
        return person
    for name, value in clean.items():
        setattr(person, name, value)
    _refresh_search_key(person)
    person.save()
    _audit(
        action="person.update",
        person=person,
        actor=actor,
        request=request,
        reason=reason,
        details={
            "fields": sorted({"birth_date" if f.startswith("birth_") else f for f in changed})
        },
    )
    person_after_write(person=person, actor=actor, request=request, found_by="person.update")
    return person


def _parse_mrz(mrz: str, *, document_type: str) -> Any:
    if has_control_characters(mrz, allow_newlines=True):
        raise ValidationFailed(
            fields={"mrz": _("The MRZ contains characters that are not allowed.")}
        )
    if document_type not in MRZ_TYPES:
        raise ValidationFailed(
            fields={"mrz": _("An MRZ can be read only for passports and travel documents.")}
        )
    try:
        return parse_td3(mrz)
    except MrzError as exc:
        raise ValidationFailed(fields={exc.field: exc.message}) from None


@transaction.atomic
def document_add(
    *,
    person: Person,
    actor: Any,
    request: HttpRequest | None = None,
    type: str,  # noqa: A002 - the document's type, named as in the model and the API
    number: str,
    issuing_state: str,
    issue_date: date | None = None,
    expiry_date: date | None = None,
    mrz: str = "",
    is_primary: bool | None = None,
) -> IdentityDocument:
    """Add an identity document; with an MRZ, it must agree with what was entered."""
    clean, errors = clean_document_fields(
        type=type,
        number=number,
        issuing_state=issuing_state,
        issue_date=issue_date,
        expiry_date=expiry_date,
        today=_today(),
    )
    if errors:
        raise ValidationFailed(fields=dict(errors))
    person = _lock_current(person)
    mrz_text = "\n".join(line.strip() for line in (mrz or "").strip().upper().splitlines())
    if mrz_text:
        parsed = _parse_mrz(mrz_text, document_type=clean["type"])
        mismatches = mrz_disagreements(
            parsed,
            person=person,
            number=clean["number"],
            issuing_state=clean["issuing_state"],
            expiry_date=clean["expiry_date"],
        )
        if mismatches:
            raise ValidationFailed(fields=dict(mismatches))
        if clean["expiry_date"] is None:
            clean["expiry_date"] = parsed.expiry_date

    index = document_number_index(clean["number"])
    documents = IdentityDocument.objects.filter(person=person)
    if documents.filter(
        type=clean["type"], issuing_state=clean["issuing_state"], number_index=index
    ).exists():
        raise ValidationFailed(
            fields={"number": _("This document is already recorded for this person.")}
        )
    if is_primary is None:
        is_primary = not documents.filter(is_primary=True).exists()
    if is_primary:
        documents.filter(is_primary=True).update(is_primary=False)
    document = IdentityDocument.objects.create(
        person=person, number_index=index, mrz=mrz_text, is_primary=is_primary, **clean
    )
    _audit(
        action="document.add",
        person=person,
        actor=actor,
        request=request,
        details={
            "document_id": document.pk,
            "type": document.type,
            "issuing_state": document.issuing_state,
            "is_primary": document.is_primary,
            "with_mrz": bool(mrz_text),
        },
    )
    # A document number shared with another file is the strongest sign of a duplicate.
    person_after_write(person=person, actor=actor, request=request, found_by="document.add")
    return document


@transaction.atomic
def person_assign_fin(*, person: Person, actor: Any, request: HttpRequest | None = None) -> str:
    """The person's FIN, drawn at random the first time and the same ever after.

    Every FIN drawn is written to ``FinAllocation`` first; its primary key makes a second
    issue of the same FIN impossible, even after the person is deleted or merged away.
    """
    person = _lock_current(person)
    if person.fin:
        return person.fin
    for _attempt in range(FIN_ATTEMPTS):
        candidate = random_fin()
        try:
            with transaction.atomic():  # a savepoint: a collision undoes only this insert
                FinAllocation.objects.create(
                    fin=candidate, person=person, person_id_at_issue=person.pk
                )
        except IntegrityError:
            continue
        break
    else:  # pragma: no cover - 20 collisions in a space of 4.3e10 means a broken generator
        raise RuntimeError("could not draw an unused FIN")
    person.fin = candidate
    person.save(update_fields=["fin", "updated_at"])
    person_keys_refresh(person=person)
    _audit(
        action="person.fin_assign",
        person=person,
        actor=actor,
        request=request,
        details={"fin": candidate},
    )
    return candidate


@transaction.atomic
def person_fin_record(
    *, person: Person, fin: str, actor: Any, request: HttpRequest | None = None, found_by: str
) -> str:
    """Put on the file a FIN the Service issued before this system kept its files (one
    that another system's records carry). Like a drawn FIN, it is allocated for good;
    a FIN already allocated to another file is refused."""
    fin = normalise_fin(fin)
    if not is_fin(fin):
        raise ValidationFailed(fields={"fin": _("A FIN is 7 Latin capitals and digits.")})
    person = _lock_current(person)
    if person.fin == fin:
        return fin
    if person.fin:
        raise ValidationFailed(fields={"fin": _("This file already has another FIN.")})
    try:
        with transaction.atomic():
            FinAllocation.objects.create(fin=fin, person=person, person_id_at_issue=person.pk)
    except IntegrityError:
        raise ValidationFailed(
            fields={"fin": _("This FIN was issued to another file; an officer must compare them.")}
        ) from None
    person.fin = fin
    person.save(update_fields=["fin", "updated_at"])
    person_after_write(person=person, actor=actor, request=request, found_by=found_by)
    _audit(
        action="person.fin_record",
        person=person,
        actor=actor,
        request=request,
        details={"fin": fin, "found_by": found_by},
    )
    return fin
