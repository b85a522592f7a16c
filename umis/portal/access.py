"""Who may use the applicant's pages: a signed-in portal account (not staff)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from umis.cases.api_auth import PORTAL_ROLES


def sign_in_url(next_url: str) -> str:
    return reverse("portal:sign_in") + "?" + urlencode({"next": next_url})


def portal_user_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return HttpResponseRedirect(sign_in_url(request.get_full_path()))
        if user.role not in PORTAL_ROLES:
            # Staff work in the office; applying is for people applying on their own behalf.
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)
