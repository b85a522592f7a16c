"""Valid form data for the services, relative to a given day; tests change one field."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

SUBJECT = {
    "surname": "Rezaei",
    "given_names": "Mohammad Reza",
    "birth_date": "1988-04-17",
    "sex": "M",
    "nationality": "irn",
    "document_number": "P12345678",
}


def stay_registration_data(today: date | None = None, **changes) -> dict:
    today = today or timezone.localdate()
    data = {
        **SUBJECT,
        "address": "Heydar Aliyev avenue 12, apt. 4",
        "district": "gusar",
        "arrival_date": str(today - timedelta(days=3)),
        "stay_until": str(today + timedelta(days=40)),
        "host_kind": "citizen",
        "host_identifier": "5ABC7DE",
        "reason": "first",
        "moved_on": "",  # asked only for a change of address
    }
    data.update(changes)
    return data


def trp_issue_data(today: date | None = None, **changes) -> dict:
    today = today or timezone.localdate()
    data = {
        **SUBJECT,
        "address": "Nizami street 5, apt. 12",
        "district": "gusar",
        "grounds": "work",
        "employer_tin": "1402345671",  # the demo employer, known to the tax simulator
        "period": "12m",
        "fee_tier": "standard",
        "current_stay_end": str(today + timedelta(days=90)),
    }
    data.update(changes)
    return data
