"""The public travel-ban question's form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.people.names import clean_name
from umis.people.validation import normalise_document_number
from umis.screening.query import name_error
from umis.screening.self_check import SelfCheckRequest


class TravelBanQuestionForm(forms.Form):
    surname = forms.CharField(
        label=_("Your surname"),
        help_text=_("As in your passport, in Latin letters or in your own script."),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    birth_date = forms.DateField(
        label=_("Your date of birth"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    document_number = forms.CharField(
        label=_("Your passport number"),
        help_text=_("The passport or travel document you used with the Service."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["surname"].error_messages["required"] = _("Enter your surname.")
        self.fields["birth_date"].error_messages["required"] = _("Enter your date of birth.")
        self.fields["birth_date"].error_messages["invalid"] = _(
            "Enter your date of birth as a real date, for example 17.04.1988."
        )
        self.fields["document_number"].error_messages["required"] = _("Enter your passport number.")

    def clean_surname(self) -> str:
        surname = clean_name(self.cleaned_data["surname"])
        problem = name_error(surname, label=str(_("Your surname")))
        if problem:
            raise forms.ValidationError(problem)
        return surname

    def clean_document_number(self) -> str:
        number = normalise_document_number(self.cleaned_data["document_number"])
        if not number or len(number) > 30 or not (number.isascii() and number.isalnum()):
            raise forms.ValidationError(
                _("Your passport number: only Latin letters and digits, at most 30.")
            )
        return number

    def request_data(self) -> SelfCheckRequest:
        data = self.cleaned_data
        return SelfCheckRequest(
            document_number=data["document_number"],
            birth_date=data["birth_date"],
            surname=data["surname"],
        )
