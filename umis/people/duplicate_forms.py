"""Forms of the duplicate pages: merge (which file stays, why), keep apart, undo a merge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.people.duplicate_decisions import REASON_MAX


def _reason(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for this decision.")},
    )


class MergeForm(forms.Form):
    survivor = forms.TypedChoiceField(
        label=_("Which file stays?"),
        help_text=_("The other file is kept, marked as merged, and opens this one."),
        coerce=int,
        error_messages={"required": _("Choose the file that stays.")},
    )
    reason = _reason(
        _("Why are these one person?"),
        _("For example: the same passport number in both files."),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = choices
        self.fields["survivor"].widget = forms.RadioSelect(choices=choices)


class KeepApartForm(forms.Form):
    reason = _reason(
        _("Why are these two persons?"),
        _("For example: different fathers' names on the passports."),
    )


class UnmergeForm(forms.Form):
    reason = _reason(
        _("Why is the merge undone?"),
        _("The moved documents, applications and permits go back to the merged file."),
    )
