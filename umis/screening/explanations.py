"""A hit's explanation in words, in the reader's language: which fields agreed and how
much each weighed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FIELDS: dict[str, Promise] = {
    "name": _("Name"),
    "document": _("Document number"),
    "birth_date": _("Date of birth"),
    "nationality": _("Nationality"),
    "sex": _("Sex"),
}

AGREEMENTS: dict[tuple[str, str], Promise] = {
    ("name", "same"): _("the same name (similarity %(similarity)s of 100)"),
    ("name", "similar"): _("a similar name (similarity %(similarity)s of 100)"),
    ("name", "sounds_alike"): _(
        "the names sound alike though spelt differently (similarity %(similarity)s of 100)"
    ),
    ("document", "same"): _("the same document number"),
    ("birth_date", "exact"): _("the same date"),
    ("birth_date", "agrees_to_month"): _("the same as far as both are known (month)"),
    ("birth_date", "agrees_to_year"): _("the same year (the day or month is not known)"),
    ("birth_date", "day_month_swapped"): _("day and month swapped"),
    ("birth_date", "one_part_differs"): _("one part differs (day, month or a year within two)"),
    ("birth_date", "differs"): _("different"),
    ("nationality", "same"): _("the same"),
    ("nationality", "differs"): _("different"),
    ("sex", "differs"): _("different"),
}


@dataclass(frozen=True)
class ExplainedPart:
    field: str
    agreement: str
    points: int
    field_label: str
    words: str


def explain(parts: list[dict[str, Any]]) -> list[ExplainedPart]:
    explained = []
    for part in parts:
        field, agreement = str(part.get("field", "")), str(part.get("agreement", ""))
        template = AGREEMENTS.get((field, agreement))
        try:
            words = str(template) % part if template is not None else agreement
        except (KeyError, TypeError, ValueError):
            words = str(template)
        explained.append(
            ExplainedPart(
                field=field,
                agreement=agreement,
                points=int(part.get("points", 0)),
                field_label=str(FIELDS.get(field, field)),
                words=words,
            )
        )
    return explained
