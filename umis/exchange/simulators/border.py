"""The Entry-exit and registration system: crossings and the restrictions list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from umis.exchange.simulators.base import (
    BAD_SIGNATURE,
    BAN_OR_RECORD,
    DOWN,
    LATE_ENTRY,
    NO_ENTRY,
    OFF_SCHEMA,
    Reply,
    date_field,
    down,
    simulator,
    text_field,
)

LATE_ENTRY_DAYS = 5
BORDER_POINT = "Heydar Aliyev International Airport"


@simulator("border", "crossings/search")
def border_crossings(data: dict[str, Any]) -> Reply:
    document = text_field(data, "document_number")
    arrival = date_field(data, "arrival_date") or timezone.localdate() - timedelta(days=30)
    if document.endswith(DOWN):
        return down()
    if document.endswith(OFF_SCHEMA):
        return Reply({"crossings": "none", "travel_ban": "unknown"})
    crossings = []
    if not document.endswith(NO_ENTRY):
        entered = arrival + timedelta(days=LATE_ENTRY_DAYS if document.endswith(LATE_ENTRY) else 0)
        crossings.append(
            {"date": entered.isoformat(), "direction": "in", "border_point": BORDER_POINT}
        )
    return Reply(
        {"crossings": crossings, "travel_ban": document.endswith(BAN_OR_RECORD)},
        forged=document.endswith(BAD_SIGNATURE),
    )


# The border system's restrictions list as the simulator keeps it: names as the border
# system holds them (the native script and the passport's Latin line), dates to the
# precision known, and the reason as the border system words it.
RESTRICTIONS = [
    {
        "reference": "RL-2024-000117",
        "list": "entry_ban",
        "surname": "Петренко",
        "given_names": "Олег",
        "surname_latin": "PETRENKO",
        "given_names_latin": "OLEH",
        "birth_date": "1981-09-14",
        "sex": "M",
        "nationality": "UKR",
        "document_numbers": ["FE123450"],
        "reason": "Entry banned for 5 years after expulsion (decision 17/2024).",
        "valid_from": "2024-03-01",
        "valid_until": "2029-02-28",
    },
    {
        "reference": "RL-2025-000042",
        "list": "entry_ban",
        "surname": "حسینی",
        "given_names": "علی",
        "surname_latin": "HOSSEINI",
        "given_names_latin": "ALI",
        "birth_date": "1990-02",
        "sex": "M",
        "nationality": "IRN",
        "document_numbers": [],
        "reason": "Entry banned after repeated overstay.",
        "valid_from": "2025-01-15",
        "valid_until": None,
    },
    {
        "reference": "RL-2025-000301",
        "list": "wanted",
        "surname": "ბერიძე",
        "given_names": "გიორგი",
        "surname_latin": "BERIDZE",
        "given_names_latin": "GIORGI",
        "birth_date": "1976",
        "sex": "M",
        "nationality": "GEO",
        "document_numbers": ["13AB45670"],
        "reason": "Wanted by an interstate search notice.",
        "valid_from": "2025-06-01",
        "valid_until": None,
    },
]


@simulator("border", "restrictions/list")
def border_restrictions(data: dict[str, Any]) -> Reply:
    return Reply({"restrictions": RESTRICTIONS})
