"""Forms of the portal accounts: sign up, sign in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.portal.accounts_services import EMAIL_MAX, normalise_email

ROLE_CHOICES = [
    (Role.APPLICANT, _("I am applying for myself")),
    (Role.HOST, _("I host foreigners (I register guests who stay with me)")),
]


class SignUpForm(forms.Form):
    first_name = forms.CharField(
        label=_("Given name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Surname"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX,
        help_text=_("We send a link to this address to confirm it is yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label=_("How will you use this account?"),
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters; not only digits and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required = {
            "first_name": _("Enter your given name."),
            "last_name": _("Enter your surname."),
            "email": _("Enter your e-mail address."),
            "role": _("Choose how you will use this account."),
            "password1": _("Enter a password."),
            "password2": _("Enter the password again."),
        }
        for name, message in required.items():
            self.fields[name].error_messages["required"] = message
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an e-mail address like name@example.com."
        )

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        one, two = cleaned.get("password1"), cleaned.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


class SignInForm(forms.Form):
    """E-mail and password of a portal account.

    ``authenticate`` gets the request so django-axes counts each failure against the
    account (its lockout protects portal accounts as it does staff). Who has an account is
    never revealed: a wrong address and a wrong password get the same message.
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = _("Enter your e-mail address.")
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an e-mail address like name@example.com."
        )
        self.fields["password"].error_messages["required"] = _("Enter your password.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        email = normalise_email(email)
        account = User.objects.filter(email__iexact=email).order_by("pk").first()
        # An unknown address is still tried (and counted) under its own name, and the
        # password hasher runs either way, so the answer takes as long.
        username = account.username if account is not None else email
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise forms.ValidationError(
                _(
                    "The e-mail address or password is not correct. Check them and try again; "
                    "after several failed attempts the account is locked for a while."
                ),
                code="invalid_login",
            )
        self.user = user
        return cleaned
