"""Office pages of the border crossings: the list to work through, and one crossing.

Both show travellers' data: never cached, and every page shown is in the audit log (the
selectors write it)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.border.forms import CrossingFilterForm
from umis.border.selectors import SHOW_ALL, crossing_get_for_staff, crossings_list_for_staff


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


@require_GET
@never_cache
@requires(perm.BORDER_CROSSINGS_VIEW)
def crossing(request: HttpRequest, crossing_id: int) -> HttpResponse:
    found, hits = crossing_get_for_staff(
        user=request.user, crossing_id=crossing_id, request=request
    )
    return render(request, "border/crossing.html", {"crossing": found, "hits": hits})
