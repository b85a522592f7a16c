"""The public status check's form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.portal.status_check import CODE_MAX, NUMBER_MAX


class StatusCheckForm(forms.Form):
    number = forms.CharField(
        label=_("Application number"),
        max_length=NUMBER_MAX,
        help_text=_("For example UMIS-2026-7KQ4M9XD."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    access_code = forms.CharField(
        label=_("Access code"),
        max_length=CODE_MAX,
        help_text=_("The 8-character code shown when the application was sent."),
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth of the person concerned"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].error_messages["required"] = _("Enter the application number.")
        self.fields["access_code"].error_messages["required"] = _("Enter the access code.")
        self.fields["birth_date"].error_messages["required"] = _("Enter the date of birth.")
        self.fields["birth_date"].error_messages["invalid"] = _(
            "Enter the date of birth as a real date, for example 17.04.1988."
        )
