"""Reads of the persons registry. Every office lookup goes through ``persons_visible_to``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from umis.accounts.jurisdiction import restrict_to_jurisdiction
from umis.accounts.models import User
from umis.audit.services import audit_record
from umis.people.fin import is_fin, normalise_fin
from umis.people.models import IdentityDocument, Person, document_number_index
from umis.people.names import search_tokens, sound_words
from umis.people.search_ranking import sounds_like_ranked
from umis.people.validation import has_control_characters, normalise_document_number

SEARCH_LIMIT = 50
QUERY_MAX = 200
MAX_NAME_TOKENS = 8


def persons_visible_to(user: Any) -> QuerySet[Person]:
    """Persons whose place of stay is within the user's jurisdiction (all for HQ)."""
    return restrict_to_jurisdiction(
        Person.objects.select_related("place_of_stay_district"),
        user,
        district_field="place_of_stay_district",
    )


def person_get_visible(*, user: Any, person_id: int) -> Person:
    """A person within jurisdiction, for a write; otherwise 404 (nothing said about others)."""
    person = persons_visible_to(user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


def name_condition(query: str, *, prefix: str = "") -> Q | None:
    """Every word of ``query`` starts a word of the person's names, in any script.

    ``prefix`` reaches the person through a relation (``"holder__"`` from a permit);
    None when the query has no word to look for.
    """
    tokens = search_tokens(query)[:MAX_NAME_TOKENS]
    if not tokens:
        return None
    field = f"{prefix}name_search_key"
    names = Q()
    for token in tokens:
        # The key is space-separated sorted tokens: a token starts the key or a word.
        names &= Q(**{f"{field}__startswith": token}) | Q(**{f"{field}__contains": " " + token})
    return names


def sound_condition(query: str, *, prefix: str = "") -> Q | None:
    """Every word of ``query`` sounds like a word of the person's names (one sound key)."""
    words = sound_words(query)[:MAX_NAME_TOKENS]
    if not words:
        return None
    field = f"{prefix}name_search_key"
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": f" {word} "})
    return condition


def person_search(*, user: Any, query: str, limit: int = SEARCH_LIMIT) -> list[Person]:
    """One box for everything: a FIN, a document number, or a name in any script.

    A FIN and a document number must match exactly (the number through its blind index);
    a name matches when every word of the query starts a word of the person's names after
    transliteration, so "Мамедов", "mamedov" and "MAMEDOV E" find the same person. After
    those come the persons whose names sound like the query's and are spelt closely enough
    (``umis.people.search_ranking``): "Mamedov" finds Məmmədov, "Гасанов" Hasanov.
    """
    query = (query or "").strip()[:QUERY_MAX]
    if not query or has_control_characters(query):
        return []
    condition = Q()
    compact = normalise_fin(query)
    if is_fin(compact):
        # A merged file's FIN finds the file it was merged into.
        condition |= Q(fin=compact) | Q(
            pk__in=Person.objects.filter(fin=compact, merged_into__isnull=False).values(
                "merged_into"
            )
        )
    number = normalise_document_number(query)
    if number.isalnum() and number.isascii():
        condition |= Q(
            pk__in=IdentityDocument.objects.filter(
                number_index=document_number_index(number)
            ).values("person_id")
        )
    names = name_condition(query)
    if names is not None:
        condition |= names
    if not condition:
        return []
    # Merged files are kept but never listed: their rows now belong to the survivor.
    visible = persons_visible_to(user).filter(merged_into__isnull=True)
    found = list(visible.filter(condition).order_by(*Person._meta.ordering)[:limit])
    sounds = sound_condition(query) if names is not None else None
    if sounds is not None and len(found) < limit:
        # A common sound key may be shared by many: read a bounded few, keep the close ones.
        alike = visible.filter(sounds).exclude(pk__in=[p.pk for p in found])
        found += sounds_like_ranked(query, list(alike[: limit * 4]))[: limit - len(found)]
    return found


@transaction.atomic
def person_get_for_staff(
    *, user: Any, person_id: int, request: HttpRequest | None, reason: str = ""
) -> Person:
    """A person's file for a member of staff, with documents (numbers decrypted).

    Outside the user's jurisdiction it does not exist (404). Every read is written to the
    audit log, in the same transaction: the law requires a record of who opened which file.
    """
    person = (
        persons_visible_to(user)
        .prefetch_related(Prefetch("documents", queryset=IdentityDocument.objects.all()))
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404
    audit_record(
        action="person.view",
        target_type="person",
        target_id=person.pk,
        request=request,
        actor=user if isinstance(user, User) else None,
        reason=reason,
        details={"documents": len(person.documents.all())},
    )
    return person


@transaction.atomic
def person_search_for_staff(
    *, user: Any, query: str, request: HttpRequest | None, limit: int = SEARCH_LIMIT
) -> list[Person]:
    """``person_search``, accounted for: a result list shows names and birth dates, so the
    log records who searched and exactly which persons were shown to them. The query text
    itself is not kept, since it may be a document number."""
    results = person_search(user=user, query=query, limit=limit)
    if (query or "").strip():
        audit_record(
            action="person.search",
            target_type="person",
            target_id="",
            request=request,
            actor=user if isinstance(user, User) else None,
            details={"shown": [person.pk for person in results], "count": len(results)},
        )
    return results
