"""Office pages of the watch list: search, one entry, enter, change, lift.

Views are thin: they read the form, call one selector or service, show the result. Every
page that shows entries is recorded in the audit log; a refusal by a service comes back
as the same page with the messages beside the fields and what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.core.errors import DomainError
from umis.screening import services
from umis.screening.forms import EntryForm, EntrySearchForm, LiftForm
from umis.screening.models import WatchListEntry
from umis.screening.selectors import entries_search, entry_get, entry_names


@require_GET
@never_cache
@requires(perm.WATCHLIST_VIEW)
def search(request: HttpRequest) -> HttpResponse:
    form = EntrySearchForm(request.GET)
    page = None
    if form.is_valid():
        filters = {k: form.cleaned_data.get(k) or "" for k in ("name", "list_kind")}
        include_lifted = bool(form.cleaned_data.get("include_lifted"))
        page = entries_search(
            **filters, include_lifted=include_lifted, page=request.GET.get("page", 1)
        )
        services.watchlist_search_record(
            request=request,
            filters={**filters, "include_lifted": include_lifted},
            entry_ids=[e.pk for e in page.object_list],
        )
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    return render(request, "screening/search.html", context)


@require_GET
@never_cache
@requires(perm.WATCHLIST_VIEW)
def detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = entry_get(entry_id=entry_id)
    services.watchlist_view_record(entry=entry, request=request)
    context = {
        "entry": entry,
        "names": entry_names(entry),
        "documents": list(entry.documents.all()),
        "may_edit": request.user.has_perm(perm.WATCHLIST_EDIT) and not entry.is_lifted,
    }
    return render(request, "screening/detail.html", context)


def _initial(entry: WatchListEntry) -> dict[str, Any]:
    born = entry.birth_date
    fields = ("list_kind", "surname_latin", "given_names_latin", "surname_native")
    fields += ("given_names_native", "sex", "nationality", "reason", "source")
    return {
        **{name: getattr(entry, name) for name in fields},
        "birth_date": born.iso() if born else "",
        "document_numbers": "\n".join(d.number for d in entry.documents.all()),
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
    }


def _refused(form: Any, exc: DomainError) -> None:
    for field, message in exc.fields.items():
        name = field.split(".")[0]
        form.add_error(name if name in form.fields else None, message)
    if not exc.fields:
        form.add_error(None, exc.message)


@require_http_methods(["GET", "POST"])
@never_cache
@requires(perm.WATCHLIST_EDIT)
def edit(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    entry = entry_get(entry_id=entry_id) if entry_id is not None else None
    if request.method == "GET":
        if entry is not None:
            services.watchlist_view_record(entry=entry, request=request)
        form = EntryForm(initial=_initial(entry) if entry else {"source": "officer"})
        return render(request, "screening/edit.html", {"form": form, "entry": entry})
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            if entry is None:
                entry = services.watchlist_entry_create(
                    data=form.entry_input(), actor=request.user, request=request
                )
                messages.success(request, _("The entry is on the watch list."))
            else:
                services.watchlist_entry_update(
                    entry=entry, data=form.entry_input(), actor=request.user, request=request
                )
                messages.success(request, _("The entry is changed."))
            return redirect("office:screening:detail", entry_id=entry.pk)
        except DomainError as exc:
            _refused(form, exc)
    context = {"form": form, "entry": entry}
    return render(request, "screening/edit.html", context, status=422)


@require_http_methods(["GET", "POST"])
@never_cache
@requires(perm.WATCHLIST_EDIT)
def lift(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = entry_get(entry_id=entry_id)
    if request.method == "GET":
        services.watchlist_view_record(entry=entry, request=request)
        context = {"form": LiftForm(), "entry": entry, "names": entry_names(entry)}
        return render(request, "screening/lift.html", context)
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            services.watchlist_entry_lift(
                entry=entry,
                reason=form.cleaned_data["lift_reason"],
                actor=request.user,
                request=request,
            )
            messages.success(request, _("The entry is lifted: it no longer counts in screening."))
            return redirect("office:screening:detail", entry_id=entry.pk)
        except DomainError as exc:
            _refused(form, exc)
    context = {"form": form, "entry": entry, "names": entry_names(entry)}
    return render(request, "screening/lift.html", context, status=422)
