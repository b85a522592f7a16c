"""Names made comparable across scripts: the one function family the registry, the
application intake, the border ingest, the linkage and the screening all use.

A name in any script becomes lowercase ASCII tokens after Unicode normalisation and
transliteration; regional spelling variants fold onto one canonical token; patronymic
markers and name particles are recognised and set apart.

This first version only transliterates and tokenises; the deliberate handling of
Azerbaijani letters, the regional variants and the phonetic keys follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from umis.people.names import search_tokens

# Words that mark a patronymic ("Əli oğlu", "Ali qizi") rather than being a name.
PATRONYMIC_MARKERS = frozenset({"oglu", "ogly", "qizi", "gizi", "kizi", "kyzy"})


@dataclass(frozen=True, slots=True)
class NameTokens:
    """A name reduced to comparable tokens."""

    tokens: tuple[str, ...]  # canonical tokens, markers and particles removed, in order
    markers: tuple[str, ...] = ()  # patronymic markers and particles that were removed


@lru_cache(maxsize=200_000)
def name_tokens(text: str) -> NameTokens:
    """The canonical tokens of a name written in any script."""
    tokens: list[str] = []
    markers: list[str] = []
    for token in search_tokens(text or ""):
        (markers if token in PATRONYMIC_MARKERS else tokens).append(token)
    return NameTokens(tuple(tokens), tuple(markers))


def canonical_name(text: str) -> str:
    """The canonical tokens of a name, space-separated, in their original order."""
    return " ".join(name_tokens(text).tokens)


def name_key(text: str) -> str:
    """Order-independent: the sorted distinct canonical tokens, space-separated."""
    return " ".join(sorted(set(name_tokens(text).tokens)))


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """A coarse sound key of one canonical token (first letter and consonant skeleton)."""
    if not token:
        return ""
    skeleton = [token[0]]
    for char in token[1:]:
        if char not in "aeiouyhw" and char != skeleton[-1]:
            skeleton.append(char)
    return "".join(skeleton)
