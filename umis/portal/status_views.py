"""The public status check page (no account needed)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from umis.portal.status_check import TooManyLookups, application_status_lookup
from umis.portal.status_forms import StatusCheckForm


@sensitive_post_parameters("access_code")
@never_cache
@require_http_methods(["GET", "POST"])
def status_check(request: HttpRequest) -> HttpResponse:
    form = StatusCheckForm(data=request.POST if request.method == "POST" else None)
    result, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            result = application_status_lookup(
                number=form.cleaned_data["number"],
                access_code=form.cleaned_data["access_code"],
                birth_date=form.cleaned_data["birth_date"],
                request=request,
            )
        except TooManyLookups as exc:
            form.add_error(None, exc.message)
            status = 429
        else:
            if result is None:
                form.add_error(
                    None,
                    _(
                        "We could not find an application with these details. Check the "
                        "number, the access code and the date of birth, and try again."
                    ),
                )
    return render(request, "portal/status.html", {"form": form, "result": result}, status=status)
