"""Portal accounts: sign up, confirm the e-mail address, sign in and out."""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from umis.accounts.egov_oidc import configured_issuer
from umis.cases.api_auth import PORTAL_ROLES
from umis.core.errors import ValidationFailed
from umis.portal.access import portal_user_required, safe_next
from umis.portal.accounts_forms import SignInForm, SignUpForm
from umis.portal.accounts_services import (
    portal_account_create,
    portal_confirmation_resend,
    portal_email_confirm,
)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            portal_account_create(
                email=data["email"],
                password=data["password1"],
                role=data["role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=(get_language() or settings.LANGUAGE_CODE)[:2],
                base_url=_base_url(request),
                request=request,
            )
        except ValidationFailed as exc:
            for name, message in exc.fields.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            request.session["umis_signed_up_email"] = data["email"]
            return HttpResponseRedirect(reverse("portal:sign_up_done"))
    return render(request, "accounts/portal_sign_up.html", {"form": form})


@never_cache
def sign_up_done(request: HttpRequest) -> HttpResponse:
    email = request.session.get("umis_signed_up_email", "")
    return render(request, "accounts/portal_sign_up_done.html", {"email": email})


@never_cache
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    user = portal_email_confirm(token=token, request=request)
    status = 200 if user is not None else 400
    return render(request, "accounts/portal_confirmed.html", {"confirmed": user}, status=status)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, "portal:applications")
    if request.user.is_authenticated and request.user.role in PORTAL_ROLES:
        return HttpResponseRedirect(next_url)
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        valid = form.is_valid()
        if getattr(request, "axes_locked_out", False):
            # Answer with the portal's own page; the flag would make the lockout
            # middleware replace it with the staff one.
            request.axes_locked_out = False
            return render(request, "accounts/portal_locked_out.html", lockout_context(), status=429)
        if valid and form.user is not None:
            if form.user.role not in PORTAL_ROLES:
                messages.info(request, _("Members of staff sign in on the office sign-in page."))
                return HttpResponseRedirect(reverse("office:login"))
            auth.login(request, form.user)
            if form.user.email_confirmed_at is None:
                messages.warning(
                    request,
                    _(
                        "You are signed in. Confirm your e-mail address with the link we sent "
                        "you before you submit an application."
                    ),
                )
            return HttpResponseRedirect(next_url)
    return render(
        request,
        "accounts/portal_sign_in.html",
        {"form": form, "next": next_url, "egov_sign_in": bool(configured_issuer(request))},
    )


def lockout_context() -> dict[str, int | None]:
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    return {
        "failure_limit": int(getattr(settings, "AXES_FAILURE_LIMIT", 5)),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off is not None else None,
    }


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """POST only, so that a link or an image elsewhere cannot sign anybody out."""
    was_signed_in = request.user.is_authenticated
    auth.logout(request)
    if was_signed_in:
        messages.success(request, _("You have signed out."))
    return HttpResponseRedirect(reverse("portal:home"))


@require_POST
@portal_user_required
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    if portal_confirmation_resend(user=request.user, base_url=_base_url(request)):
        messages.success(
            request,
            _("We have sent a new confirmation link to %(email)s.") % {"email": request.user.email},
        )
    else:
        messages.info(request, _("Your e-mail address is already confirmed."))
    return HttpResponseRedirect(safe_next(request, "portal:applications"))
