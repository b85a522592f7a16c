"""Loading the watch list from the border system's restrictions list.

The list is asked for first, outside any transaction (it is another system); the entries
are then written in one transaction (``watchlist_restrictions_refresh``), where a record
the Service cannot read is skipped and counted, so one bad record does not keep the rest
of the list out.
"""

from __future__ import annotations

from umis.exchange import systems
from umis.exchange.adapters.border import Restriction
from umis.people.names import is_latin_name
from umis.screening.entry_input import EntryInput
from umis.screening.models import EntrySource
from umis.screening.services import watchlist_restrictions_refresh


def entry_input(item: Restriction) -> EntryInput:
    latin_given = is_latin_name(item.surname) or not item.surname
    return EntryInput(
        list_kind=item.list_kind,
        reason=item.reason,
        source=EntrySource.BORDER_RESTRICTIONS,
        source_reference=item.reference,
        valid_from=item.valid_from,
        valid_until=item.valid_until,
        # A name the border system holds only in Latin letters is the Latin form.
        surname_native="" if latin_given else item.surname,
        given_names_native="" if latin_given else item.given_names,
        surname_latin=item.surname_latin or (item.surname if latin_given else ""),
        given_names_latin=item.given_names_latin or (item.given_names if latin_given else ""),
        birth_date=item.birth_date or None,
        sex=item.sex,
        nationality=item.nationality,
        document_numbers=list(item.document_numbers),
    )


def watchlist_restrictions_load() -> dict[str, int]:
    """Ask the border system for its list and bring the watch list in line with it."""
    records = systems.border().restrictions(reference="restrictions")
    return watchlist_restrictions_refresh(records=[entry_input(record) for record in records])
