"""What the officer's application page shows, put together for the template.

The form data is shown as the applicant answered it, grouped by the service's own steps
and named by its own labels; codes are turned into words. The documents and the check
results come from other modules of this app when those are deployed; until then their
sections are simply left out.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from umis.accounts.models import District
from umis.cases.models import Application, ApplicationEvent
from umis.cases.reasons import ground_label
from umis.cases.states import TRANSITIONS, Flag
from umis.core.errors import NotFound
from umis.eservices import registry
from umis.eservices.base import EService
from umis.people.countries import state_name
from umis.people.models import Sex

# History entries that are not transitions of the lifecycle table.
OTHER_EVENTS: dict[str, Promise] = {
    "create": _("Application started"),
    "flag_set": _("Flag set"),
    "flag_clear": _("Flag cleared"),
    "assign": _("Assigned"),
    "take": _("Taken by the officer"),
}


@dataclass(frozen=True)
class Answer:
    label: Any
    value: Any  # a date, or text


@dataclass(frozen=True)
class Section:
    title: Any
    answers: list[Answer]


def service_of(application: Application) -> EService | None:
    try:
        return registry.get(application.service_code)
    except NotFound:  # older or test data: show the raw answers
        return None


def _display(name: str, value: Any, service: EService | None) -> Any:
    if isinstance(value, str):
        if name == "nationality":
            return f"{state_name(value)} ({value})"
        if name == "sex" and value in Sex.values:
            return Sex(value).label
        if name == "district":
            district = District.objects.filter(code=value).first()
            return district.name if district else value
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
        choices = service.extra.get(name) if service else None
        if isinstance(choices, dict) and value in choices:
            return choices[value]
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value in (None, ""):
        return "—"
    return value


def form_sections(application: Application, service: EService | None) -> list[Section]:
    data = dict(application.form_data or {})
    sections = []
    if service is not None:
        labels = service.form.labels
        for step in service.form.form_steps():
            answers = [
                Answer(labels.get(name, name), _display(name, data.pop(name), service))
                for name in step.fields
                if name in data
            ]
            if answers:
                sections.append(Section(step.title, answers))
    if data:  # answers the declaration does not know (an older form): still shown
        rest = [Answer(name, _display(name, value, service)) for name, value in data.items()]
        sections.append(Section(_("Other answers"), rest))
    return sections


def event_label(event: ApplicationEvent) -> Any:
    t = TRANSITIONS.get(event.transition)
    if t is not None:
        return t.label
    if event.transition in OTHER_EVENTS:
        return OTHER_EVENTS[event.transition]
    # Other modules of the app name the history rows they write.
    for module in ("umis.cases.documents", "umis.cases.checks"):
        labels = _optional(module, "EVENT_LABELS") or {}
        if event.transition in labels:
            return labels[event.transition]
    return event.transition


def event_note(event: ApplicationEvent) -> str:
    """The one detail worth a line in the history: which flag, to whom, which grounds."""
    details = event.details or {}
    if details.get("flag") in Flag.values:
        return str(Flag(details["flag"]).label)
    if details.get("assignee"):
        return str(details["assignee"])
    if details.get("grounds"):
        return "; ".join(ground_label(code) for code in details["grounds"])
    return ""


def _optional(module: str, name: str) -> Any:
    """``module.name`` when that part of the app is deployed, else None."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _documents_for(application: Application) -> list[Any] | None:
    """The application's documents for staff; None while the documents module is absent."""
    for name in ("documents_of", "documents_for_staff"):
        fn = _optional("umis.cases.documents", name)
        if fn is not None:
            return list(fn(application=application))
    if _optional("umis.cases.documents", "__name__") is not None:
        return []
    return None


def _checks_for(application: Application) -> list[Any] | None:
    """The results of the automatic checks; None while the checks module is absent."""
    fn = _optional("umis.cases.checks", "check_results_for")
    return None if fn is None else list(fn(application))


def _screening_for(application: Application) -> list[Any] | None:
    """The watch-list hits found at submission; None while the screening is absent."""
    fn = _optional("umis.screening.selectors", "hits_for_application")
    return None if fn is None else list(fn(application))


def proposed_grounds(application: Application) -> list[str]:
    """The grounds cited by the pending refusal proposal, to start the approver's form."""
    event = application.events.filter(transition="propose_refusal").order_by("-at", "-id").first()
    return list((event.details or {}).get("grounds") or []) if event else []
