from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from umis.exchange.members import SYSTEM_NAMES
from umis.exchange.models import MessageOutcome


class MessageLogSearchForm(forms.Form):
    system = forms.ChoiceField(label=_("System"), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Any"))] + list(MessageOutcome.choices),
        required=False,
    )
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
    message_id = forms.CharField(label=_("Message id"), max_length=64, required=False)
    reference = forms.CharField(
        label=_("Reference"),
        help_text=_("The application number the message was about."),
        max_length=64,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["system"].choices = [("", _("Any"))] + [
            (system, SYSTEM_NAMES[system]) for system in settings.UMIS_EXCHANGE_SYSTEM_MEMBERS
        ]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data
