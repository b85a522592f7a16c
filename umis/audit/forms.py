from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.audit.models import AuditEntry


class AuditSearchForm(forms.Form):
    actor = forms.CharField(
        label=_("Who"),
        help_text=_("A user name, or the number of a user or API client."),
        max_length=150,
        required=False,
    )
    action = forms.CharField(
        label=_("Action"),
        help_text=_("For example person.view; person.* finds every action on persons."),
        max_length=64,
        required=False,
    )
    target_type = forms.CharField(
        label=_("Record type"), help_text=_("For example person."), max_length=64, required=False
    )
    target_id = forms.CharField(label=_("Record number"), max_length=128, required=False)
    date_from = forms.DateField(
        label=_("From"),
        help_text=_("For example 2025-03-01."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("To (inclusive)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Any"))] + list(AuditEntry.Outcome.choices),
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data
