"""What a crossing's traveller is to UMIS: which person (the matching engine), and whether
the watch list holds them (the screening engine). Local reads only, no state system asked,
so both run inside the transaction that stores the crossing."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils import timezone

from umis.border.models import BorderCrossing, MatchStatus
from umis.core.calendar import SERVICE_TZ
from umis.core.errors import ValidationFailed
from umis.people.dates import PartialDate
from umis.people.duplicates import match_thresholds, person_find_likely
from umis.people.profiles import PersonProfile, profile_from_values
from umis.screening.engine import ScreeningResult, screen_person

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    status: str
    person_id: int | None = None  # the person linked (a sure match)
    possible_person_id: int | None = None  # the likeliest file, for an officer to confirm
    probability: float | None = None


def _profile(crossing: BorderCrossing) -> PersonProfile:
    return profile_from_values(
        surname_latin=crossing.surname,
        given_names_latin=crossing.given_names,
        birth=crossing.birth,
        sex=crossing.sex,
        nationality=crossing.nationality,
        document_indexes=[crossing.document_index],
    )


def crossing_match(crossing: BorderCrossing) -> Match:
    """A sure match links; a possible one is recorded for review; else nobody."""
    sure, possible = match_thresholds()
    # A file holding the same document is always a candidate, whatever the names say.
    matches = person_find_likely(
        profile=_profile(crossing), minimum=possible, with_shared_identifiers=True
    )
    if not matches:
        return Match(MatchStatus.UNLINKED)
    # Linked only as the registry links a returning person: likely enough, sharing the
    # document, birth dates not disagreeing; anything less is for an officer.
    linkable = [m for m in matches if m.probability >= sure and m.may_link_automatically]
    if linkable:
        best = linkable[0]
        return Match(MatchStatus.LINKED, person_id=best.person_id, probability=best.probability)
    best = matches[0]
    return Match(
        MatchStatus.POSSIBLE, possible_person_id=best.person_id, probability=best.probability
    )


def apply_match(crossing: BorderCrossing, match: Match) -> None:
    crossing.match_status = match.status
    crossing.person_id = match.person_id
    crossing.possible_person_id = match.possible_person_id
    crossing.match_probability = match.probability
    crossing.matched_at = timezone.now()


def crossing_screen(crossing: BorderCrossing) -> ScreeningResult | None:
    """The traveller against the watch list valid on the day of the crossing; None when
    the data cannot be screened (an officer must look instead)."""
    birth: PartialDate | None = crossing.birth
    try:
        return screen_person(
            names=[(crossing.surname, crossing.given_names)],
            birth_date=birth,
            nationality=crossing.nationality,
            sex=crossing.sex,
            document_numbers=[crossing.document_number],
            on=timezone.localtime(crossing.occurred_at, SERVICE_TZ).date(),
        )
    except ValidationFailed as exc:
        # Field names only: the values are the traveller's data.
        logger.warning("Crossing %s not screened: %s", crossing.crossing_id, sorted(exc.fields))
        return None
