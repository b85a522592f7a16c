"""Web forms generated from a service's Pydantic form, one page per ``FormStep``.

The Django form only draws the inputs and carries what was typed; the rules are the
service's own: the whole draft is validated by the Pydantic model and the errors of this
page's fields are shown beside them (a missing answer of a later page is not an error
yet). Input types follow the field's type: text, a date input, radios or a select for a
``Literal``; the nationality and the district are picked from their reference lists.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _

from umis.accounts.models import District
from umis.cases.intake import draft_values
from umis.core.errors import ValidationFailed
from umis.eservices.base import EService, FormStep
from umis.eservices.catalogue import choice_labels, choice_values, field_type
from umis.people.countries import nationality_choices

# More options than this become a select instead of radios.
RADIO_MAX = 6

# Browser autofill for the fields that are the person's own details.
AUTOCOMPLETE = {
    "surname": "family-name",
    "given_names": "given-name",
    "birth_date": "bday",
    "sex": "sex",
    "document_number": "off",
    "address": "street-address",
    "host_identifier": "off",
}


def _district_choices() -> list[tuple[str, str]]:
    return sorted(((d.code, d.name) for d in District.objects.all()), key=lambda pair: pair[1])


# Free-text fields whose answer is a code from a reference list: people pick by name.
REFERENCE_CHOICES = {"nationality": nationality_choices, "district": _district_choices}


class StepForm(forms.Form):
    """One page of a service form; errors come from the service, not from Django."""

    def show_errors(self, fields: dict[str, str]) -> None:
        self._errors = ErrorDict()
        self.cleaned_data = {}
        for name, message in fields.items():
            if name in self.fields:
                self._errors[name] = self.error_class([message])


def _form_field(service: EService, name: str) -> forms.Field:
    model = service.form
    label = model.labels.get(name, name)
    attrs = {"autocomplete": AUTOCOMPLETE[name]} if name in AUTOCOMPLETE else {}
    annotation = field_type(model, name)
    if choice_values(model, name):
        options = choice_labels(model, name)
        if len(options) <= RADIO_MAX:
            widget: forms.Widget = forms.RadioSelect(choices=options)
        else:
            widget = forms.Select(choices=[("", _("Choose…")), *options], attrs=attrs)
    elif name in REFERENCE_CHOICES:
        widget = forms.Select(choices=[("", _("Choose…")), *REFERENCE_CHOICES[name]()], attrs=attrs)
    elif annotation is date:
        # A plain input of type date: the browser's picker, and the typed text is kept.
        widget = forms.TextInput(attrs={**attrs, "type": "date"})
    else:
        widget = forms.TextInput(attrs={**attrs, "spellcheck": "false"})
    # Django does not validate (the service does); ``required`` marks optional questions.
    required = model.model_fields[name].is_required()
    return forms.CharField(label=label, required=required, widget=widget)


def step_form(
    service: EService, step: FormStep, *, values: dict[str, Any], bound: bool = False
) -> StepForm:
    """The page's form showing ``values`` (raw, as typed)."""
    fields = {name: _form_field(service, name) for name in step.fields}
    form_class = type("StepForm", (StepForm,), fields)
    shown = {name: _shown(service, name, values) for name in step.fields}
    if bound:
        return form_class(data=shown, use_required_attribute=False)
    return form_class(initial=shown, use_required_attribute=False)


def _shown(service: EService, name: str, values: dict[str, Any]) -> str:
    """What the input shows: the answer as typed, or the question's default if unanswered."""
    if name in values and values[name] is not None:
        return str(values[name])
    info = service.form.model_fields[name]
    if info.is_required():
        return ""
    default = info.get_default(call_default_factory=True)
    return "" if default is None else str(default)


def posted_values(step: FormStep, post: Any) -> dict[str, str]:
    """This page's answers from a POST; an unanswered question is an empty answer."""
    return {name: post.get(name, "") for name in step.fields}


def form_errors(service: EService, form_data: dict[str, Any]) -> dict[str, str]:
    """Every problem of the draft as it stands, by field ({} when it can be sent)."""
    try:
        service.validate_form(draft_values(form_data))
    except ValidationFailed as exc:
        return exc.fields
    return {}


def step_errors(service: EService, step: FormStep, form_data: dict[str, Any]) -> dict[str, str]:
    return {k: v for k, v in form_errors(service, form_data).items() if k in step.fields}


def step_of(service: EService, field_name: str) -> FormStep:
    steps = service.form.form_steps()
    return next((s for s in steps if field_name in s.fields), steps[0])
