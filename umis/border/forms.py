from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.border.selectors import SHOW_ALL, SHOW_HITS, SHOW_TO_REVIEW, SHOW_UNLINKED


class CrossingFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (SHOW_ALL, _("All crossings")),
            (SHOW_TO_REVIEW, _("To review: possible matches, watch-list hits, not screened")),
            (SHOW_UNLINKED, _("Nobody on file")),
            (SHOW_HITS, _("Watch-list hits")),
        ],
        error_messages={"invalid_choice": _("Show: choose one of the options.")},
    )
