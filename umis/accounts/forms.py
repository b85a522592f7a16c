"""Forms of the staff sign-in: password first, then a one-time code."""

from __future__ import annotations

import re
from typing import Any

import django_otp
from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from umis.accounts.models import User

_CODE = re.compile(r"^\d{6}$")


class StaffSignInForm(forms.Form):
    """Username and password of a member of staff.

    ``authenticate`` gets the request so that django-axes counts each failure against the
    account. A correct password of someone who is not staff gets the same generic error
    as a wrong one: the page must not tell who has an account.
    """

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. Check them and try again; "
            "after several failed attempts the account is locked for a while."
        ),
        "no_device": _(
            "Your account has no authenticator app enrolled yet, so you cannot sign in. "
            "Ask an administrator to enrol your authenticator."
        ),
    }

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        username, password = cleaned.get("username"), cleaned.get("password")
        if not username or not password:
            return cleaned  # the field errors already say what is missing
        user = authenticate(self.request, username=username, password=password)
        if user is None or not getattr(user, "is_office_staff", False):
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            raise forms.ValidationError(self.error_messages["no_device"], code="no_device")
        self.user = user
        return cleaned


class OneTimeCodeForm(forms.Form):
    """The 6-digit code from the authenticator app of the signed-in user.

    django-otp throttles each device: after n wrong codes the next try must wait 2^(n-1)
    seconds. The view also counts wrong codes in the session and restarts the sign-in
    after too many.
    """

    code = forms.CharField(
        label=_("Security code"),
        help_text=_("The 6-digit code shown now in your authenticator app."),
        max_length=12,  # room for the spaces some apps show in the middle
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "usa-input--small",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        self.device: TOTPDevice | None = None
        self.wrong_code = False
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = _(
            "Enter the 6-digit code from your authenticator app."
        )

    def clean_code(self) -> str:
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not _CODE.match(code):
            raise forms.ValidationError(
                _("Enter the code as 6 digits, for example 123456."), code="format"
            )
        devices = list(TOTPDevice.objects.devices_for_user(self.user, confirmed=True))
        if not devices:
            raise forms.ValidationError(
                _("Your account has no authenticator. Ask an administrator to enrol one."),
                code="no_device",
            )
        waits = []
        for device in devices:
            allowed, data = device.verify_is_allowed()
            if not allowed:
                waits.append(_seconds_until((data or {}).get("locked_until")))
                continue
            # Verified under a row lock so that parallel guesses cannot skip the throttle.
            verified = django_otp.verify_token(self.user, device.persistent_id, code)
            if verified is not None:
                self.device = verified
                return code
        if waits and len(waits) == len(devices):
            seconds = max(min(waits), 1)
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second, then enter the new code.",
                    "Too many wrong codes. Wait %(seconds)d seconds, then enter the new code.",
                    seconds,
                )
                % {"seconds": seconds},
                code="throttled",
            )
        self.wrong_code = True
        raise forms.ValidationError(
            _(
                "That code is not correct. Codes change every 30 seconds: "
                "enter the one your app shows now."
            ),
            code="wrong_code",
        )


def _seconds_until(moment: Any) -> int:
    if moment is None:
        return 1
    return int((moment - timezone.now()).total_seconds() + 0.999)
