"""Forms of the office's permit pages: the search, and the revoke / cancel / replace forms.

Forms only read and check what was typed; what may happen is decided by the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.permits.reasons import reasons_for
from umis.permits.selectors import QUERY_MAX, PermitFilters
from umis.permits.states import PermitStatus
from umis.permits.types import PermitType
from umis.permits.writes import REASON_MAX_LENGTH


def _any(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("Any")), *choices]


class PermitSearchForm(forms.Form):
    number = forms.CharField(
        label=_("Permit number"),
        help_text=_("For example TRP-2026-0000042."),
        max_length=32,
        required=False,
    )
    fin = forms.CharField(
        label=_("FIN"), help_text=_("7 letters and digits."), max_length=9, required=False
    )
    name = forms.CharField(
        label=_("Holder's name"),
        help_text=_("Any script: Мамедов, Mammadov and Məmmədov find the same person."),
        max_length=QUERY_MAX,
        required=False,
    )
    permit_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=_any(list(PermitType.choices))
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_any(list(PermitStatus.choices))
    )

    def filters(self) -> PermitFilters:
        """The filters as asked; only call after ``is_valid()``."""
        data = self.cleaned_data
        return PermitFilters(
            number=data.get("number") or "",
            fin=data.get("fin") or "",
            name=data.get("name") or "",
            status=data.get("status") or "",
            permit_type=data.get("permit_type") or "",
        )


CONFIRMATIONS = {
    "revoke": _(
        "I confirm the decision to revoke this permit. It stops being valid at once, and "
        "the holder is no longer entitled by it."
    ),
    "cancel": _(
        "I confirm the decision to cancel this permit. It stops being valid at once and "
        "cannot be made active again."
    ),
    "replace": _(
        "I confirm that the holder reported this permit lost, stolen or damaged. It stops "
        "being valid at once; a new permit with a new number is issued until the same date."
    ),
}


class PermitDecisionForm(forms.Form):
    """One decision on a permit: the version the officer saw, a reason, a confirmation."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}),
        error_messages={"required": _("Choose a reason from the list.")},
    )
    reason = forms.CharField(
        label=_("Explanation"),
        help_text=_("Needed when you choose “other”; otherwise add what the record should say."),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        error_messages={"required": _("Tick the box to confirm the decision.")},
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["reason_code"].choices = [(r.code, r.label) for r in reasons_for(action)]
        self.fields["confirm"].label = CONFIRMATIONS[action]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("reason_code") == "other" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Explain the reason in your own words."))
        return data
