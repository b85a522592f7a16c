"""The answers of a draft, as a person reads them on "check your answers"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from umis.accounts.models import District
from umis.accounts.roles import Role
from umis.eservices.base import EService, FormStep
from umis.eservices.catalogue import choice_labels, choice_values, field_type
from umis.people.countries import is_nationality_code, state_name
from umis.portal.plain_words import long_date


@dataclass(frozen=True)
class Answer:
    name: str
    label: str
    value: str


@dataclass(frozen=True)
class StepAnswers:
    step: FormStep
    title: str
    answers: list[Answer]


def step_title(service: EService, step: FormStep, role: str) -> str | Promise:
    """A host fills the first page about their guest: say so in the heading."""
    if role == Role.HOST and step == service.form.form_steps()[0]:
        return _("The person staying with you")
    return step.title


def _shown(service: EService, name: str, raw: Any) -> str:
    text = "" if raw is None else str(raw).strip()
    if not text:
        return ""
    if choice_values(service.form, name):
        return str(dict(choice_labels(service.form, name)).get(text, text))
    if name == "nationality" and is_nationality_code(text.upper()):
        return state_name(text.upper())
    if name == "district":
        district = District.objects.filter(code=text).first()
        return district.name if district else text
    if field_type(service.form, name) is date:
        try:
            return long_date(date.fromisoformat(text))
        except ValueError:
            return text
    return text


def answers_by_step(service: EService, form_data: dict[str, Any], role: str) -> list[StepAnswers]:
    out = []
    for step in service.form.form_steps():
        answers = [
            Answer(
                name=name,
                label=str(service.form.labels.get(name, name)),
                value=_shown(service, name, (form_data or {}).get(name)),
            )
            for name in step.fields
        ]
        out.append(
            StepAnswers(step=step, title=str(step_title(service, step, role)), answers=answers)
        )
    return out
