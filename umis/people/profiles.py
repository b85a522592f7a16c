"""What matching compares of a person, and the blocking keys derived from it.

A ``PersonProfile`` is built from a stored file or from what a use case is about to
store (a form not yet saved), so that the same keys and the same scorer serve both.

The keys: each surname or given-name token's sound key with the year of birth
("ny:mdv:1985"), the same with the day and month in either order ("nmd:mdv:3-7": a year
typed wrong or a day and month swapped still meet), each document's blind index
("doc:...") and the FIN ("fin:..."). Keys hold no clear name or document number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from umis.matching.normalise import name_tokens, phonetic_key
from umis.people.dates import PartialDate

# Longer than any key built below; a longer one would be a fault in this module.
KEY_MAX = 100


@dataclass(frozen=True)
class PersonProfile:
    surnames: tuple[str, ...]  # the surname in each script given (Latin, native)
    given_names: tuple[str, ...]
    patronymics: tuple[str, ...]
    birth: PartialDate | None
    sex: str
    nationality: str
    document_indexes: frozenset[str] = field(default_factory=frozenset)
    fin: str | None = None
    pk: int | None = None


def _forms(*values: str) -> tuple[str, ...]:
    return tuple(v for v in values if v)


def profile_from_values(
    *,
    surname_latin: str,
    given_names_latin: str = "",
    patronymic_latin: str = "",
    surname_native: str = "",
    given_names_native: str = "",
    patronymic_native: str = "",
    birth: PartialDate | None,
    sex: str = "",
    nationality: str = "",
    document_indexes: Iterable[str] = (),
    fin: str | None = None,
    pk: int | None = None,
) -> PersonProfile:
    return PersonProfile(
        surnames=_forms(surname_latin, surname_native),
        given_names=_forms(given_names_latin, given_names_native),
        patronymics=_forms(patronymic_latin, patronymic_native),
        birth=birth,
        sex=sex or "",
        nationality=nationality or "",
        document_indexes=frozenset(i for i in document_indexes if i),
        fin=fin or None,
        pk=pk,
    )


def profile_of(person: Any, *, document_indexes: Iterable[str] | None = None) -> PersonProfile:
    """The profile of a stored person (a model instance, current or historical).

    Without ``document_indexes`` the person's documents are read (one query, or none
    when they were prefetched).
    """
    if document_indexes is None:
        document_indexes = [d.number_index for d in person.documents.all()]
    return profile_from_values(
        surname_latin=person.surname_latin,
        given_names_latin=person.given_names_latin,
        patronymic_latin=person.patronymic_latin,
        surname_native=person.surname_native,
        given_names_native=person.given_names_native,
        patronymic_native=person.patronymic_native,
        birth=PartialDate(person.birth_year, person.birth_month, person.birth_day),
        sex=person.sex,
        nationality=person.nationality,
        document_indexes=document_indexes,
        fin=person.fin,
        pk=person.pk,
    )


def name_sound_keys(profile: PersonProfile) -> set[str]:
    """The sound keys of every surname and given-name token, in every script given."""
    sounds = set()
    for text in (*profile.surnames, *profile.given_names):
        for token in name_tokens(text).tokens:
            if len(token) >= 2:
                sounds.add(phonetic_key(token))
    sounds.discard("")
    return sounds


def blocking_keys(profile: PersonProfile) -> set[str]:
    keys = set()
    birth = profile.birth
    for sound in name_sound_keys(profile):
        if birth is not None:
            keys.add(f"ny:{sound}:{birth.year}")
            if birth.month is not None and birth.day is not None:
                low, high = sorted((birth.month, birth.day))
                keys.add(f"nmd:{sound}:{low}-{high}")
    keys.update(f"doc:{index}" for index in profile.document_indexes)
    if profile.fin:
        keys.add(f"fin:{profile.fin}")
    return {key[:KEY_MAX] for key in keys}
