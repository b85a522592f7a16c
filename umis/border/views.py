"""Office pages of the border crossings: the list to work through, and one crossing.

Both show travellers' data: never cached, and every page shown is in the audit log (the
selectors write it)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.border.forms import CrossingFilterForm
from umis.border.models import MatchStatus
from umis.border.selectors import (
    SHOW_ALL,
    crossing_get_for_staff,
    crossings_list_for_staff,
    crossings_visible_to,
)
from umis.border.services import border_crossing_review
from umis.core.errors import DomainError


@require_GET
@never_cache
@requires(perm.BORDER_CROSSINGS_VIEW)
def crossings(request: HttpRequest) -> HttpResponse:
    form = CrossingFilterForm(request.GET)
    page = None
    if form.is_valid():
        show = form.cleaned_data.get("show") or SHOW_ALL
        page = crossings_list_for_staff(
            user=request.user, show=show, page=request.GET.get("page", 1), request=request
        )
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    return render(request, "border/crossings.html", context)


def _crossing_page(
    request: HttpRequest, crossing_id: int, *, error: str = "", status: int = 200
) -> HttpResponse:
    found, hits = crossing_get_for_staff(
        user=request.user, crossing_id=crossing_id, request=request
    )
    may_review = found.match_status == MatchStatus.POSSIBLE and request.user.has_perm(
        perm.PERSON_EDIT
    )
    context = {"crossing": found, "hits": hits, "may_review": may_review, "error": error}
    return render(request, "border/crossing.html", context, status=status)


@require_GET
@never_cache
@requires(perm.BORDER_CROSSINGS_VIEW)
def crossing(request: HttpRequest, crossing_id: int) -> HttpResponse:
    return _crossing_page(request, crossing_id)


@require_POST
@never_cache
@requires(perm.PERSON_EDIT)
def review(request: HttpRequest, crossing_id: int) -> HttpResponse:
    """An officer's answer to "is the traveller this person?" for a possible match."""
    # Jurisdiction first: a crossing the officer cannot see is not found.
    found = crossings_visible_to(request.user).filter(pk=crossing_id).first()
    if found is None or not request.user.has_perm(perm.BORDER_CROSSINGS_VIEW):
        raise Http404
    decision = request.POST.get("decision", "")
    if decision not in {"link", "reject"}:
        error = _("Decision: choose whether the traveller is this person.")
        return _crossing_page(request, crossing_id, error=error, status=422)
    try:
        border_crossing_review(
            crossing=found, is_the_person=decision == "link", actor=request.user, request=request
        )
    except DomainError as exc:
        return _crossing_page(request, crossing_id, error=exc.message, status=exc.status)
    if decision == "link":
        messages.success(request, _("The crossing is linked to the person's file."))
    else:
        messages.success(request, _("The crossing is kept apart from that file."))
    return redirect("office:border:crossing", crossing_id=crossing_id)
