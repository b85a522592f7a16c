"""Entering watch-list entries for the tests."""

from __future__ import annotations

from datetime import date

from umis.screening.entry_input import EntryInput
from umis.screening.services import watchlist_entry_create

LONG_AGO = date(2020, 1, 1)


def enter(actor=None, **changes):
    fields = {
        "list_kind": "entry_ban",
        "reason": "Deported in 2023; entry banned for five years.",
        "source": "officer",
        "valid_from": LONG_AGO,
        "surname_latin": "Rezaei",
        "given_names_latin": "Mohammad Reza",
        "surname_native": "رضایی",
        "given_names_native": "محمدرضا",
        "birth_date": "1988-04-17",
        "sex": "M",
        "nationality": "IRN",
        "document_numbers": ["K7654321"],
    }
    fields.update(changes)
    return watchlist_entry_create(data=EntryInput(**fields), actor=actor)
