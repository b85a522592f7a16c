"""The office page of the message log: search it, see each message's parties, hashes,
signatures and outcome. Every search is audited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.core.errors import ValidationFailed
from umis.exchange.forms import MessageLogSearchForm
from umis.exchange.selectors import exchange_log_search
from umis.exchange.services import exchange_log_search_record


@require_GET
@never_cache
@requires(perm.EXCHANGE_LOG_VIEW)
def message_log(request: HttpRequest) -> HttpResponse:
    form = MessageLogSearchForm(request.GET)
    page = None
    if form.is_valid():
        try:
            page = exchange_log_search(
                user=request.user, **form.cleaned_data, page=request.GET.get("page", 1)
            )
        except ValidationFailed as exc:
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            exchange_log_search_record(
                request=request,
                filters={**form.cleaned_data, "page": page.number},
                result_count=page.paginator.count,
            )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "exchange/log.html",
        {"form": form, "page": page, "querystring": params.urlencode()},
    )
