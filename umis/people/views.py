"""Office pages of the persons registry: one search box and the person's file.

Both pages carry personal data: never cached, and every opening of a file is audited
(by ``person_get_for_staff``).
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.border.selectors import person_crossings_for_staff
from umis.people.duplicate_selectors import (
    current_file_id,
    duplicate_open_count,
    duplicates_visible_to,
    merges_into,
)
from umis.people.models import DuplicateStatus
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
    context = {"query": query, "results": results, "limit_reached": len(results) >= SEARCH_LIMIT}
    if request.user.has_perm(perm.PERSON_MERGE):
        context["open_duplicates"] = duplicate_open_count(user=request.user)
    return render(request, "people/search.html", context)


@require_GET
@never_cache
@requires(perm.PERSON_VIEW)
def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    current = current_file_id(user=request.user, person_id=person_id)
    if current is None:
        raise Http404
    if current != person_id:
        # A merged file is kept but opens as the file it was merged into.
        messages.info(request, _("The file you opened was merged into this one."))
        return redirect("office:people:detail", person_id=current)
    person = person_get_for_staff(
        user=request.user,
        person_id=person_id,
        request=request,
        reason=request.GET.get("reason", "")[:500],
    )
    context = {
        "person": person,
        "documents": person.documents.all(),
        "crossings": person_crossings_for_staff(user=request.user, person=person, request=request),
    }
    if request.user.has_perm(perm.PERSON_MERGE):
        context["merges"] = merges_into(person=person)
        context["open_pairs"] = list(
            duplicates_visible_to(request.user)
            .filter(Q(first=person) | Q(second=person), status=DuplicateStatus.OPEN)
            .order_by("-probability")
        )
    return render(request, "people/detail.html", context)
