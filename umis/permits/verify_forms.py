"""The public verifier's form: one field for the permit code, pasted, typed or scanned."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.permits.payload import MAX_TEXT

# Room for line breaks a scanner or a copy adds; longer input is refused as too long.
FIELD_MAX = MAX_TEXT + 200


class VerifyForm(forms.Form):
    # Not stripped: a code may end in a space (it is a base45 character); the verifier
    # itself drops line breaks and leading spaces.
    code = forms.CharField(
        label=_("Permit code"),
        strip=False,
        max_length=FIELD_MAX,
        help_text=_(
            "Paste the text of the permit's QR code, or scan it with a hand-held scanner "
            "into this field. It starts with UMIS1:."
        ),
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "data-verify-payload": "",
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = _(
            "Enter the permit code, or scan the QR code."
        )
        self.fields["code"].error_messages["max_length"] = _(
            "This text is longer than any permit code can be."
        )
