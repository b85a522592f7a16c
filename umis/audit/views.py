"""The auditor's page: search the audit log. Every search is itself audited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.audit.forms import AuditSearchForm
from umis.audit.selectors import audit_search
from umis.audit.services import audit_search_record
from umis.core.errors import ValidationFailed


@require_GET
@never_cache
@requires(perm.AUDIT_VIEW)
def search(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET)
    page = None
    if form.is_valid():
        try:
            page = audit_search(**form.cleaned_data, page=request.GET.get("page", 1))
        except ValidationFailed as exc:
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            audit_search_record(
                request=request,
                filters={**form.cleaned_data, "page": page.number},
                result_count=page.paginator.count,
                channel="office",
            )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "audit/search.html",
        {"form": form, "page": page, "querystring": params.urlencode()},
    )
