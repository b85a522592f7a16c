"""Staff sign-in in two steps (password, then a one-time code), sign-out, and lockout.

After the password step the user is signed in but not verified; StaffSecondFactorMiddleware
keeps every office page and office API call closed until the code step succeeds.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from umis.accounts.forms import OneTimeCodeForm, StaffSignInForm

# Session counter of wrong codes; at the failure limit the sign-in starts again.
WRONG_CODES_KEY = "umis_wrong_codes"


def _failure_limit() -> int:
    return int(getattr(settings, "AXES_FAILURE_LIMIT", 5))


def safe_next(request: HttpRequest, default: str = "office:home") -> str:
    """The ``next`` page if it stays on this site, otherwise the office home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    if next_url and next_url != reverse("office:home"):
        url += "?" + urlencode({"next": next_url})
    return url


def _is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_office_staff", False))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    if _is_staff(request.user):
        if request.user.is_verified():  # type: ignore[union-attr]
            return HttpResponseRedirect(next_url)
        return HttpResponseRedirect(_with_next("office:login_verify", next_url))

    form = StaffSignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None
        auth.login(request, form.user)  # new session key; axes clears the failure count
        request.session[WRONG_CODES_KEY] = 0
        return HttpResponseRedirect(_with_next("office:login_verify", next_url))
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_verify(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    user = request.user
    if not _is_staff(user):
        return HttpResponseRedirect(_with_next("office:login", next_url))
    if user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(next_url)

    form = OneTimeCodeForm(user, data=request.POST if request.method == "POST" else None)  # type: ignore[arg-type]
    if request.method == "POST":
        if form.is_valid():
            assert form.device is not None
            # A new session key at the moment privileges rise (fixation defence).
            request.session.cycle_key()
            django_otp.login(request, form.device)
            request.session.pop(WRONG_CODES_KEY, None)
            return HttpResponseRedirect(next_url)
        if form.wrong_code:
            failures = int(request.session.get(WRONG_CODES_KEY, 0)) + 1
            request.session[WRONG_CODES_KEY] = failures
            if failures >= _failure_limit():
                auth.logout(request)
                messages.error(
                    request,
                    _("Too many wrong codes. For your security, sign in again from the start."),
                )
                return HttpResponseRedirect(_with_next("office:login", next_url))
    return render(request, "accounts/sign_in_verify.html", {"form": form, "next": next_url})


@require_POST
@csrf_protect
def sign_out(request: HttpRequest) -> HttpResponse:
    """POST only, so that a link or an image elsewhere cannot sign anybody out."""
    was_signed_in = request.user.is_authenticated
    auth.logout(request)  # flushes the whole session, the second factor with it
    if was_signed_in:
        messages.success(request, _("You have signed out."))
    return HttpResponseRedirect(reverse("office:login"))


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page django-axes shows once an account reached the failure limit (HTTP 429)."""
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    minutes = int(cool_off.total_seconds() // 60) if cool_off is not None else None
    context = {"failure_limit": _failure_limit(), "minutes": minutes}
    response = render(request, "accounts/locked_out.html", context, status=429)
    if cool_off is not None:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
