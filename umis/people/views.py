"""Office pages of the persons registry: one search box and the person's file.

Both pages carry personal data: never cached, and every opening of a file is audited
(by ``person_get_for_staff``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.people.selectors import (
    QUERY_MAX,
    SEARCH_LIMIT,
    person_get_for_staff,
    person_search_for_staff,
)


@require_GET
@never_cache
@requires(perm.PERSON_SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    results = (
        person_search_for_staff(user=request.user, query=query, request=request) if query else []
    )
    return render(
        request,
        "people/search.html",
        {"query": query, "results": results, "limit_reached": len(results) >= SEARCH_LIMIT},
    )


@require_GET
@never_cache
@requires(perm.PERSON_VIEW)
def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get_for_staff(
        user=request.user,
        person_id=person_id,
        request=request,
        reason=request.GET.get("reason", "")[:500],
    )
    return render(
        request, "people/detail.html", {"person": person, "documents": person.documents.all()}
    )
