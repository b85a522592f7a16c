"""Office pages of the duplicate queue: the open pairs, two files side by side, and the
decisions (merge, keep apart, undo a merge).

Thin: forms read what was typed, the services decide, the selectors enforce jurisdiction
and audit each reading. A decision refused (someone decided first, a missing reason)
comes back as the same page with the message on top and what the officer typed kept.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.core.errors import DomainError
from umis.people.duplicate_decisions import duplicate_keep_apart
from umis.people.duplicate_forms import KeepApartForm, MergeForm, UnmergeForm
from umis.people.duplicate_labels import explained
from umis.people.duplicate_selectors import (
    duplicate_get_for_staff,
    duplicate_queue_page_for_staff,
    merge_get_for_staff,
)
from umis.people.merge import person_merge, person_unmerge
from umis.people.models import DuplicateStatus, PotentialDuplicate


@require_GET
@never_cache
@requires(perm.PERSON_MERGE)
def queue(request: HttpRequest) -> HttpResponse:
    page = duplicate_queue_page_for_staff(
        user=request.user, page=request.GET.get("page", 1), request=request
    )
    return render(request, "people/duplicates.html", {"page": page})


def _merge_form(pair: PotentialDuplicate, sides: Any, data: Any = None) -> MergeForm:
    choices = [(side.person.pk, side.person.full_name_latin) for side in sides]
    return MergeForm(data, choices=choices, prefix="merge")


def _compare(
    request: HttpRequest,
    duplicate_id: int,
    *,
    merge_form: MergeForm | None = None,
    apart_form: KeepApartForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    pair, first, second = duplicate_get_for_staff(
        user=request.user, duplicate_id=duplicate_id, request=request
    )
    context = {
        "pair": pair,
        "sides": (first, second),
        "fields": explained(pair.explanation),
        "is_open": pair.status == DuplicateStatus.OPEN,
        "merge_form": merge_form or _merge_form(pair, (first, second)),
        "apart_form": apart_form or KeepApartForm(prefix="apart"),
        "error": error,
    }
    return render(request, "people/duplicate_compare.html", context, status=status)


@require_GET
@never_cache
@requires(perm.PERSON_MERGE)
def compare(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    return _compare(request, duplicate_id)


def _fields_to_form(form: Any, exc: DomainError) -> None:
    for field, message in exc.fields.items():
        form.add_error(field if field in form.fields else None, message)


@require_POST
@never_cache
@requires(perm.PERSON_MERGE)
def merge(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    # Jurisdiction first: a pair the officer cannot see is not found, whatever was posted.
    pair, first, second = duplicate_get_for_staff(
        user=request.user, duplicate_id=duplicate_id, request=request
    )
    form = _merge_form(pair, (first, second), request.POST)
    if not form.is_valid():
        return _compare(request, duplicate_id, merge_form=form, status=422)
    try:
        record = person_merge(
            duplicate=pair,
            survivor_id=form.cleaned_data["survivor"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except DomainError as exc:
        _fields_to_form(form, exc)
        error = "" if exc.fields else exc.message
        return _compare(request, duplicate_id, merge_form=form, error=error, status=exc.status)
    messages.success(request, _("The files are merged. The merge can be undone from this page."))
    return redirect("office:people:merge", merge_id=record.pk)


@require_POST
@never_cache
@requires(perm.PERSON_MERGE)
def keep_apart(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    pair, _first, _second = duplicate_get_for_staff(
        user=request.user, duplicate_id=duplicate_id, request=request
    )
    form = KeepApartForm(request.POST, prefix="apart")
    if not form.is_valid():
        return _compare(request, duplicate_id, apart_form=form, status=422)
    try:
        duplicate_keep_apart(
            duplicate=pair,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except DomainError as exc:
        _fields_to_form(form, exc)
        error = "" if exc.fields else exc.message
        return _compare(request, duplicate_id, apart_form=form, error=error, status=exc.status)
    messages.success(request, _("The two files are kept apart."))
    return redirect("office:people:duplicates")


def _merge_page(
    request: HttpRequest, merge_id: int, form: UnmergeForm | None = None, **extra: Any
) -> HttpResponse:
    record = merge_get_for_staff(user=request.user, merge_id=merge_id, request=request)
    context = {
        "merge": record,
        "form": form or UnmergeForm(),
        "moved": _moved_summary(record.moved_rows),
        "error": extra.get("error", ""),
    }
    return render(request, "people/merge.html", context, status=extra.get("status", 200))


def _moved_summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    return [
        {"label": apps.get_model(label)._meta.verbose_name_plural, "count": count}
        for label, count in sorted(counts.items())
    ]


@require_http_methods(["GET", "POST"])
@never_cache
@requires(perm.PERSON_MERGE)
def merge_detail(request: HttpRequest, merge_id: int) -> HttpResponse:
    if request.method == "GET":
        return _merge_page(request, merge_id)
    record = merge_get_for_staff(user=request.user, merge_id=merge_id, request=request)
    form = UnmergeForm(request.POST)
    if not form.is_valid():
        return _merge_page(request, merge_id, form, status=422)
    try:
        person_unmerge(
            merge=record, actor=request.user, reason=form.cleaned_data["reason"], request=request
        )
    except DomainError as exc:
        _fields_to_form(form, exc)
        error = "" if exc.fields else exc.message
        return _merge_page(request, merge_id, form, error=error, status=exc.status)
    messages.success(request, _("The merge is undone: both files are as they were."))
    return redirect("office:people:detail", person_id=record.absorbed_id)
