"""The public page "does a travel ban exist for me" (no account needed).

The page answers the same whatever the records hold: the answer itself goes only to the
e-mail address on the person's file (``umis.screening.self_check``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from umis.screening.public_forms import TravelBanQuestionForm
from umis.screening.self_check import TooManyRequests, travel_ban_self_check_request


@sensitive_post_parameters("document_number", "surname", "birth_date")
@never_cache
@require_http_methods(["GET", "POST"])
def travel_ban(request: HttpRequest) -> HttpResponse:
    form = TravelBanQuestionForm(data=request.POST if request.method == "POST" else None)
    asked, status = False, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                travel_ban_self_check_request(data=form.request_data(), request=request)
                asked = True
            except TooManyRequests as exc:
                form.add_error(None, exc.message)
                status = 429
        else:
            status = 422
    context = {"form": form, "asked": asked}
    return render(request, "screening/travel_ban.html", context, status=status)
