"""Foreign affairs: visas and e-visas issued for a travel document."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from django.utils import timezone

from umis.exchange.simulators.base import (
    DOWN,
    ENDED,
    NOTHING_REGISTERED,
    REGISTER_OFF_SCHEMA,
    Reply,
    down,
    simulator,
    text_field,
)

# A visa found is valid from 30 days ago for 90 days; an expired one ended 30 days ago.
VALID_SINCE_DAYS = 30
VALID_FOR_DAYS = 90


@simulator("foreign-affairs", "visas/search")
def visas_search(data: dict[str, Any]) -> Reply:
    document = text_field(data, "document_number")
    text_field(data, "nationality")
    text_field(data, "birth_date")
    if document.endswith(DOWN):
        return down()
    if document.endswith(REGISTER_OFF_SCHEMA):
        return Reply({"visas": [{"visa_number": document, "kind": "tourist"}]})
    if document.endswith(NOTHING_REGISTERED):
        return Reply({"visas": []})
    digest = int(hashlib.sha256(document.encode()).hexdigest()[:8], 16)
    start = timezone.localdate() - timedelta(days=VALID_SINCE_DAYS)
    if document.endswith(ENDED):
        start -= timedelta(days=VALID_FOR_DAYS)
    visa = {
        "visa_number": f"AZ{digest % 100_000_000:08d}",
        "kind": "e-visa" if digest % 2 else "visa",
        "valid_from": start.isoformat(),
        "valid_until": (start + timedelta(days=VALID_FOR_DAYS - 1)).isoformat(),
        "entries": "multiple" if digest % 3 == 0 else "single",
    }
    return Reply({"visas": [visa]})
