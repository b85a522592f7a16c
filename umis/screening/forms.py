"""Forms of the watch-list office pages. They read and check what was typed; the rules
(names in one script, a date that exists, a known nationality) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.people.models import Sex
from umis.people.names import clean_name
from umis.screening.entry_input import REASON_MAX, EntryInput
from umis.screening.models import EntrySource, ListKind
from umis.screening.query import name_error

DATE_HINT = _("YYYY-MM-DD, or YYYY-MM or YYYY when only that much is known.")


class EntrySearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("Any script: Мамедов, Mammadov and Məmmədov find the same entries."),
        max_length=200,
        required=False,
    )
    list_kind = forms.ChoiceField(
        label=_("List"), required=False, choices=[("", _("Any")), *ListKind.choices]
    )
    include_lifted = forms.BooleanField(label=_("Include lifted entries"), required=False)

    def clean_name(self) -> str:
        name = clean_name(self.cleaned_data.get("name") or "")
        problem = name_error(name, label=str(_("Name"))) if name else None
        if problem:
            raise forms.ValidationError(problem)
        return name


class EntryForm(forms.Form):
    list_kind = forms.ChoiceField(label=_("List"), choices=ListKind.choices)
    surname_latin = forms.CharField(
        label=_("Surname (Latin script)"), max_length=200, required=False
    )
    given_names_latin = forms.CharField(
        label=_("Given names (Latin script)"), max_length=200, required=False
    )
    surname_native = forms.CharField(
        label=_("Surname (native script)"),
        help_text=_("As written in the person's own script, if known."),
        max_length=200,
        required=False,
    )
    given_names_native = forms.CharField(
        label=_("Given names (native script)"), max_length=200, required=False
    )
    birth_date = forms.CharField(
        label=_("Date of birth"), help_text=DATE_HINT, max_length=10, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", "—"), *Sex.choices])
    nationality = forms.CharField(
        label=_("Nationality"),
        help_text=_("Three-letter code, e.g. AZE, IRN, RUS; XXA for a stateless person."),
        max_length=3,
        required=False,
    )
    document_numbers = forms.CharField(
        label=_("Document numbers"),
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=400,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The decision or notice behind the entry, with its number and date."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX,
    )
    source = forms.ChoiceField(label=_("Source"), choices=EntrySource.choices)
    valid_from = forms.DateField(label=_("Valid from"), help_text=_("YYYY-MM-DD."))
    valid_until = forms.DateField(
        label=_("Valid until"),
        help_text=_("YYYY-MM-DD. Leave empty when the entry has no end date."),
        required=False,
    )

    def entry_input(self) -> EntryInput:
        data: dict[str, Any] = self.cleaned_data
        return EntryInput(
            list_kind=data["list_kind"],
            reason=data["reason"],
            source=data["source"],
            valid_from=data["valid_from"],
            valid_until=data.get("valid_until"),
            surname_native=data.get("surname_native") or "",
            given_names_native=data.get("given_names_native") or "",
            surname_latin=data.get("surname_latin") or "",
            given_names_latin=data.get("given_names_latin") or "",
            birth_date=data.get("birth_date") or None,
            sex=data.get("sex") or "",
            nationality=data.get("nationality") or "",
            document_numbers=(data.get("document_numbers") or "").splitlines(),
        )


class LiftForm(forms.Form):
    lift_reason = forms.CharField(
        label=_("Why is the entry lifted?"),
        help_text=_("For example the court decision or notice that ends it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
