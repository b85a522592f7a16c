"""The forms of the share-code pages: the holder's new code and the verifier's check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.permits.share_codes import CODE_MAX
from umis.permits.share_models import SharePurpose
from umis.permits.share_services import ORGANISATION_MAX, max_days


class ShareCodeCreateForm(forms.Form):
    permit = forms.ChoiceField(label=_("Permit"))
    purpose = forms.ChoiceField(
        label=_("What is the code for?"),
        choices=SharePurpose.choices,
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("For how many days should the code work?"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, permits: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["permit"].choices = permits
        self.fields["days"].help_text = _("From 1 to %(max)d days.") % {"max": max_days()}
        self.fields["permit"].error_messages["required"] = _("Choose the permit to share.")
        self.fields["permit"].error_messages["invalid_choice"] = _(
            "Choose one of your permits in force."
        )
        self.fields["purpose"].error_messages["required"] = _("Choose what the code is for.")
        self.fields["days"].error_messages.update(
            {
                "required": _("Enter the number of days."),
                "invalid": _("Enter the number of days as a whole number, for example 30."),
                "min_value": _("Enter at least 1 day."),
            }
        )

    def clean_days(self) -> int:
        days = self.cleaned_data["days"]
        if days > max_days():
            raise forms.ValidationError(
                _("Enter at most %(max)d days.") % {"max": max_days()}, code="max_value"
            )
        return days


class ShareCheckForm(forms.Form):
    code = forms.CharField(
        label=_("Share code"),
        max_length=CODE_MAX,
        help_text=_("Nine letters and digits the person gave you, for example W8G-T4H-RD2."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    birth_date = forms.DateField(
        label=_("The person's date of birth"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
    )
    organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=ORGANISATION_MAX,
        help_text=_("The person will see this name in the list of checks of their code."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = _("Enter the share code.")
        self.fields["code"].error_messages["max_length"] = _(
            "This is longer than a share code can be."
        )
        self.fields["birth_date"].error_messages["required"] = _("Enter the date of birth.")
        self.fields["birth_date"].error_messages["invalid"] = _(
            "Enter the date of birth as a real date, for example 17.04.1988."
        )
        self.fields["organisation"].error_messages["required"] = _(
            "Enter the name of your organisation."
        )
