"""Blocking keys and the canonical name forms of the watch list, as pure functions.

Every name, in whatever script, is reduced by ``umis.matching.normalise`` to canonical
ASCII tokens; each token gives a sound key (``p:<key>``) and each document number its
blind index (``d:<index>``). An entry stores its keys; a screening looks the query's keys
up, so candidates are found by an index, never by reading the list.
"""

from __future__ import annotations

from collections.abc import Iterable

from umis.matching.normalise import canonical_name, name_tokens, phonetic_key
from umis.people.models import document_number_index

NAME_SEPARATOR = "|"
PHONETIC = "p:"
DOCUMENT = "d:"


def full_name(surname: str, given_names: str) -> str:
    """The canonical tokens of one written form of a name (surname first)."""
    return canonical_name(f"{surname or ''} {given_names or ''}")


def canonical_forms(names: Iterable[tuple[str, str]]) -> list[str]:
    """The distinct canonical forms of the (surname, given names) pairs given, in order."""
    forms: list[str] = []
    for surname, given in names:
        form = full_name(surname, given)
        if form and form not in forms:
            forms.append(form)
    return forms


def sound_keys(forms: Iterable[str]) -> set[str]:
    """The sound keys of every token of every canonical form."""
    keys = set()
    for form in forms:
        for token in name_tokens(form).tokens:
            sound = phonetic_key(token)
            if sound:
                keys.add(PHONETIC + sound)
    return keys


def document_keys(indexes: Iterable[str]) -> set[str]:
    return {DOCUMENT + index for index in indexes if index}


def document_indexes(numbers: Iterable[str]) -> list[str]:
    """Blind indexes of document numbers, the same as ``IdentityDocument.number_index``:
    a number on the list is found by the number in a passport, whichever table holds it."""
    return sorted({document_number_index(n) for n in numbers if n and n.strip()})


def entry_keys(forms: Iterable[str], indexes: Iterable[str]) -> set[str]:
    forms = list(forms)
    return sound_keys(forms) | document_keys(indexes)


def split_forms(match_names: str) -> list[str]:
    return [form for form in match_names.split(NAME_SEPARATOR) if form]
