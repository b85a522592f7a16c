"""The scorer's explanation in words an officer reads: which fields agreed, how much each
weighed. Explanations stored by the earlier hand-weighted scorer ("rules-1") keep their
words too."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

FIELDS = {
    "surname": _("Surname"),
    "given_name": _("Given names"),
    "given_names": _("Given names"),
    "patronymic": _("Patronymic"),
    "document_number": _("Identity documents"),
    "national_id": _("FIN"),
    "names_swapped": _("Surname and given names, written the other way round"),
    "birth_date": _("Date of birth"),
    "sex": _("Sex"),
    "nationality": _("Nationality"),
    "documents": _("Identity documents"),
    "fin": _("FIN"),
}
LEVELS = {
    "exact": _("The same"),
    "same": _("The same"),
    "agrees": _("The same"),
    "close": _("Nearly the same"),
    "partial": _("Partly the same"),
    "disagrees": _("Different"),
    "different": _("Different"),
    "missing": _("Not known in one of the files"),
    "agrees_where_known": _("The same as far as both are known"),
    "day_month_swapped": _("Day and month swapped"),
    "one_part_differs": _("One part differs"),
    "shared": _("A document number is in both files"),
    "none_shared": _("No document number in common"),
    "jaro_winkler>=0.92": _("Nearly the same"),
    "jaro_winkler>=0.8": _("Similar"),
    "sounds_alike": _("Sounds the same (another spelling or script)"),
    "swapped": _("The same as the other name: written the other way round"),
    "other": _("Different"),
    "one_edit": _("One character differs"),
    "two_edits": _("Two characters differ"),
}
# Where a level means something particular for one field.
FIELD_LEVELS = {
    ("document_number", "exact"): LEVELS["shared"],
    ("document_number", "other"): LEVELS["none_shared"],
}


def explained(explanation: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for item in explanation.get("fields", []):
        weight = float(item.get("weight", 0))
        rows.append(
            {
                "field": FIELDS.get(item.get("field"), item.get("field")),
                "level": FIELD_LEVELS.get(
                    (item.get("field"), item.get("level")),
                    LEVELS.get(item.get("level"), item.get("level")),
                ),
                "weight": weight,
                "direction": "for" if weight > 0 else "against" if weight < 0 else "none",
            }
        )
    return rows
