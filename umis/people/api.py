"""Office API of the persons registry, at /api/v1/office/people/.

Handlers are thin: jurisdiction and auditing live in the selectors, rules in the services.
A person outside the caller's jurisdiction is answered with 404, like one that does not
exist.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status

from umis.accounts.permissions import office_auth
from umis.accounts.roles import perm
from umis.people import selectors, services
from umis.people.models import Person
from umis.people.schemas import (
    DocumentIn,
    DocumentOut,
    FinOut,
    PersonCreateIn,
    PersonDetailOut,
    PersonOut,
    PersonUpdateIn,
)

router = Router(tags=["people"])


class SearchQuery(Schema):
    q: str = SchemaField("", max_length=200, description="A name in any script, FIN or number")


class ReadQuery(Schema):
    reason: str = SchemaField("", max_length=500, description="Why the file is opened")


@router.get("", response=list[PersonOut], auth=office_auth(perm.PERSON_SEARCH))
def search_persons(request: HttpRequest, filters: Query[SearchQuery]) -> list[Person]:
    return selectors.person_search_for_staff(user=request.auth, query=filters.q, request=request)


@router.get("/{person_id}", response=PersonDetailOut, auth=office_auth(perm.PERSON_VIEW))
def get_person(request: HttpRequest, person_id: int, filters: Query[ReadQuery]) -> Person:
    return selectors.person_get_for_staff(
        user=request.auth, person_id=person_id, request=request, reason=filters.reason
    )


@router.post("", response={201: PersonDetailOut}, auth=office_auth(perm.PERSON_EDIT))
def create_person(request: HttpRequest, payload: PersonCreateIn) -> Status:
    person = services.person_create(actor=request.auth, request=request, **payload.dict())
    return Status(201, person)


@router.patch("/{person_id}", response=PersonDetailOut, auth=office_auth(perm.PERSON_EDIT))
def update_person(request: HttpRequest, person_id: int, payload: PersonUpdateIn) -> Person:
    person = selectors.person_get_visible(user=request.auth, person_id=person_id)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "")
    return services.person_update(
        person=person, actor=request.auth, request=request, data=data, reason=reason
    )


@router.post(
    "/{person_id}/documents",
    response={201: DocumentOut},
    auth=office_auth(perm.DOCUMENT_EDIT),
)
def add_document(request: HttpRequest, person_id: int, payload: DocumentIn) -> Status:
    person = selectors.person_get_visible(user=request.auth, person_id=person_id)
    document = services.document_add(
        person=person, actor=request.auth, request=request, **payload.dict()
    )
    return Status(201, document)


@router.post("/{person_id}/fin", response=FinOut, auth=office_auth(perm.PERSON_EDIT))
def assign_fin(request: HttpRequest, person_id: int) -> dict[str, str]:
    """The person's FIN: assigned on the first call, the same one on every later call."""
    person = selectors.person_get_visible(user=request.auth, person_id=person_id)
    return {"fin": services.person_assign_fin(person=person, actor=request.auth, request=request)}
