"""Signing in with the e-government portal (ASAN Login): start, return, and linking an
existing account with its password.

Every way this can go wrong ends on the sign-in page with a message in the reader's
language, never an error page: the portal not answering, an answer that is not for this
browser's sign-in, a token that does not verify, the person cancelling, a staff account.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from umis.accounts.egov_oidc import (
    PENDING_MAX_SECONDS,
    PortalIdentityClaims,
    SignInError,
    authorization_request,
    configured_issuer,
    sign_in_complete,
)
from umis.accounts.models import User
from umis.cases.api_auth import PORTAL_ROLES
from umis.portal.access import safe_next
from umis.portal.accounts_views import lockout_context
from umis.portal.egov_services import (
    LinkNeeded,
    PortalSignInRefused,
    portal_identity_link,
    portal_identity_sign_in,
    portal_sign_in_failure_record,
)

logger = logging.getLogger(__name__)

PENDING_KEY = "umis_egov_pending"
LINK_KEY = "umis_egov_link"
LOGIN_BACKEND = "umis.accounts.backends.AccountBackend"

MESSAGES = {
    "cancelled": _(
        "You cancelled signing in with the e-government portal. You can sign in with your "
        "e-mail address and password instead."
    ),
    "state_mismatch": _(
        "The sign-in with the e-government portal could not be finished: it was started in "
        "another window, or it took too long. Please try again."
    ),
    "unavailable": _(
        "The e-government portal is not answering at the moment. Please try again later, or "
        "sign in with your e-mail address and password."
    ),
    "rejected": _("The e-government portal did not complete the sign-in. Please try again."),
    "invalid_token": _(
        "The answer from the e-government portal could not be verified, so you have not been "
        "signed in. Please try again."
    ),
    "missing_claims": _(
        "The e-government portal did not share the details an account needs. Please try again "
        "and allow sharing them."
    ),
    "staff": _(
        "Members of staff cannot sign in with the e-government portal. Sign in on the staff "
        "sign-in page with your password and one-time code."
    ),
    "inactive": _("This account is disabled. Please contact the State Migration Service."),
    "email_taken": _(
        "An account with your e-mail address already exists and cannot be linked to the "
        "e-government portal. Sign in with your e-mail address and password."
    ),
    "no_email": _(
        "The e-government portal did not share your e-mail address, which an account needs. "
        "Try again and allow sharing it, or create an account with your e-mail address."
    ),
}


def _to_sign_in(request: HttpRequest, reason: str, next_url: str) -> HttpResponseRedirect:
    messages.error(request, MESSAGES.get(reason, MESSAGES["rejected"]))
    url = reverse("portal:sign_in")
    if next_url and next_url != reverse("portal:applications"):
        url += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(url)


def _sign_in(request: HttpRequest, user: User, next_url: str) -> HttpResponseRedirect:
    auth.login(request, user, backend=LOGIN_BACKEND)  # a new session key
    return HttpResponseRedirect(next_url)


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


@never_cache
@require_GET
def egov_start(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, "portal:applications")
    user = request.user
    if user.is_authenticated:
        if user.role in PORTAL_ROLES:
            return HttpResponseRedirect(next_url)
        return _to_sign_in(request, "staff", next_url)
    issuer = configured_issuer(request)
    if not issuer:
        return _to_sign_in(request, "unavailable", next_url)
    redirect_uri = request.build_absolute_uri(reverse("portal:egov_callback"))
    try:
        url, pending = authorization_request(issuer=issuer, redirect_uri=redirect_uri)
    except SignInError as exc:
        logger.warning("Sign-in with the e-government portal not started: %s", exc)
        return _to_sign_in(request, exc.reason, next_url)
    request.session[PENDING_KEY] = {**pending, "next": next_url}
    return HttpResponseRedirect(url)


@never_cache
@require_GET
def egov_callback(request: HttpRequest) -> HttpResponse:
    pending = request.session.pop(PENDING_KEY, None)  # one answer per sign-in started
    next_url = (pending or {}).get("next") or reverse("portal:applications")
    try:
        claims = sign_in_complete(params=request.GET, pending=pending)
    except SignInError as exc:
        logger.warning("Sign-in with the e-government portal failed: %s", exc)
        if exc.reason != "state_mismatch":  # only a sign-in this browser really started
            portal_sign_in_failure_record(reason=exc.reason, request=request)
        return _to_sign_in(request, exc.reason, next_url)
    try:
        outcome = portal_identity_sign_in(claims=claims, language=_language(), request=request)
    except PortalSignInRefused as exc:
        return _to_sign_in(request, exc.reason, next_url)
    if isinstance(outcome, LinkNeeded):
        request.session[LINK_KEY] = {
            "claims": claims.as_session(),
            "user": outcome.user.pk,
            "next": next_url,
            "started": int(time.time()),
        }
        return HttpResponseRedirect(reverse("portal:egov_link"))
    return _sign_in(request, outcome, next_url)


class LinkPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Password of your account on this site"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )


def _pending_link(request: HttpRequest) -> tuple[User, PortalIdentityClaims, str] | None:
    data: dict[str, Any] | None = request.session.get(LINK_KEY)
    if not data or time.time() - float(data.get("started", 0)) > PENDING_MAX_SECONDS:
        return None
    user = User.objects.filter(pk=data.get("user")).first()
    if user is None:
        return None
    return user, PortalIdentityClaims.from_session(data["claims"]), data.get("next") or ""


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def egov_link(request: HttpRequest) -> HttpResponse:
    """The one time an existing account's password confirms the link to the portal."""
    pending = _pending_link(request)
    if pending is None:
        request.session.pop(LINK_KEY, None)
        return _to_sign_in(request, "state_mismatch", "")
    user, claims, next_url = pending
    form = LinkPasswordForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and "cancel" in request.POST:
        request.session.pop(LINK_KEY, None)
        messages.info(request, _("Your account was not linked to the e-government portal."))
        return HttpResponseRedirect(reverse("portal:sign_in"))
    if request.method == "POST" and form.is_valid():
        checked = authenticate(
            request, username=user.username, password=form.cleaned_data["password"]
        )
        if getattr(request, "axes_locked_out", False):
            request.axes_locked_out = False  # the portal's own page, not the staff one
            request.session.pop(LINK_KEY, None)
            return render(request, "accounts/portal_locked_out.html", lockout_context(), status=429)
        if checked is None or checked.pk != user.pk:
            form.add_error(
                "password",
                _(
                    "The password is not correct. After several failed attempts the account "
                    "is locked for a while."
                ),
            )
        else:
            try:
                portal_identity_link(user=user, claims=claims, request=request)
            except PortalSignInRefused as exc:
                request.session.pop(LINK_KEY, None)
                return _to_sign_in(request, exc.reason, next_url)
            request.session.pop(LINK_KEY, None)
            messages.success(
                request, _("Your account is linked: next time, sign in with the portal alone.")
            )
            return _sign_in(request, user, next_url or reverse("portal:applications"))
    return render(
        request,
        "accounts/portal_egov_link.html",
        {"form": form, "email": user.email, "name": f"{claims.given_name} {claims.family_name}"},
    )
