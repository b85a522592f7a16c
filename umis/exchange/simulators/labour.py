"""The labour ministry: employment contracts of a person with an employer."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

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
from umis.people.demo import ANCHOR

POSITIONS = ("Civil engineer", "Welder", "Chef", "Software developer", "Agronomist", "Teacher")
TERMINATED_AFTER_DAYS = 90


@simulator("labour", "contracts/search")
def contracts_search(data: dict[str, Any]) -> Reply:
    document = text_field(data, "document_number")
    employer = text_field(data, "employer_tin")
    text_field(data, "birth_date")
    if document.endswith(DOWN):
        return down()
    if document.endswith(REGISTER_OFF_SCHEMA):
        return Reply({"contracts": [{"contract_number": document, "status": "signed"}]})
    if document.endswith(NOTHING_REGISTERED):
        return Reply({"contracts": []})
    # The same person and employer always give the same contract.
    digest = int(hashlib.sha256(f"{document}|{employer}".encode()).hexdigest()[:8], 16)
    start = ANCHOR + timedelta(days=digest % 300)
    ended = document.endswith(ENDED)
    end: date | None = start + timedelta(days=TERMINATED_AFTER_DAYS) if ended else None
    contract = {
        "contract_number": f"EM-{start.year}-{digest % 1_000_000:06d}",
        "employer_tin": employer,
        "position": POSITIONS[digest % len(POSITIONS)],
        "start_date": start.isoformat(),
        "end_date": end.isoformat() if end else None,
        "status": "terminated" if ended else "active",
    }
    return Reply({"contracts": [contract]})
