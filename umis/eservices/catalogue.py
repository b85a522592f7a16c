"""Reading the catalogue for the public: each service's rules as in force on a day.

Shared by the catalogue API and the portal's service list, so both always say the same.
"""

from __future__ import annotations

import typing
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from umis.eservices.base import LANGUAGE_CODES, EService, ServiceForm

# Options that several forms share, named once; a form's own ``choices_labels`` win.
COMMON_CHOICE_LABELS: dict[str, dict[str, Promise]] = {
    "sex": {
        "F": gettext_lazy("Female"),
        "M": gettext_lazy("Male"),
        "X": gettext_lazy("Not specified (X in the passport)"),
    },
    "host_kind": {
        "citizen": gettext_lazy("A citizen (a private person)"),
        "organisation": gettext_lazy("An organisation"),
        "hotel": gettext_lazy("A hotel"),
    },
}


def in_each_language(text: Promise | str) -> dict[str, str]:
    out = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            out[code] = str(text)
    return out


def field_type(form: type[ServiceForm], name: str) -> Any:
    """The field's type, without the ``| None`` of an optional answer."""
    annotation = form.model_fields[name].annotation
    args = typing.get_args(annotation)
    if type(None) in args and typing.get_origin(annotation) is not typing.Literal:
        others = [a for a in args if a is not type(None)]
        if len(others) == 1:
            return others[0]
    return annotation


def choice_values(form: type[ServiceForm], name: str) -> tuple[str, ...]:
    """The options of a choice field (a ``Literal``), or () for a free field."""
    annotation = field_type(form, name)
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(v) for v in typing.get_args(annotation))
    return ()


def choice_labels(form: type[ServiceForm], name: str) -> list[tuple[str, Promise | str]]:
    """(value, label) for each option of a choice field, in the declared order."""
    labels = {**COMMON_CHOICE_LABELS.get(name, {}), **form.choices_labels.get(name, {})}
    return [(value, labels.get(value, value)) for value in choice_values(form, name)]


def all_choice_labels(form: type[ServiceForm]) -> dict[str, dict[str, Promise | str]]:
    return {
        name: dict(choice_labels(form, name))
        for name in form.model_fields
        if choice_values(form, name)
    }


def fee_table(service: EService, *, on: date) -> dict[str, Any]:
    """The state duty: one amount, or amounts by tier and/or period (AZN)."""
    if service.fee is None:
        return {"amount": 0}
    key = service.fee.policy_key
    tiers = service.fee_tiers if "{tier}" in key else (None,)
    periods = choice_values(service.form, "period") if "{period}" in key else (None,)
    if tiers == (None,) and periods == (None,):
        return {"amount": service.fee_azn(on=on)}
    table: dict[str, Any] = {}
    for tier in tiers:
        row = {
            period: service.fee_azn(on=on, tier=tier, period=period)
            for period in periods
            if period is not None
        }
        if tier is None:
            table.update(row)
        else:
            table[tier] = row if row else service.fee_azn(on=on, tier=tier)
    return {"by_tier" if tiers != (None,) else "by_period": table}


def fee_range(service: EService, *, on: date) -> tuple[Any, Any]:
    """The lowest and highest duty a person may pay for this service."""
    table = fee_table(service, on=on)
    if "amount" in table:
        return table["amount"], table["amount"]
    amounts: list[Any] = []
    for value in next(iter(table.values())).values():
        amounts.extend(value.values() if isinstance(value, dict) else [value])
    return min(amounts), max(amounts)


def deadline_days(service: EService, *, on: date) -> dict[str, int]:
    """The decision period in days of ``service.deadline.unit``, by tier ('' = any)."""
    if "{tier}" in service.deadline.policy_key:
        return {tier: service.deadline_days(on=on, tier=tier) for tier in service.fee_tiers}
    any_tier = service.fee_tiers[0] if service.fee_tiers else None
    return {"": service.deadline_days(on=on, tier=any_tier)}
