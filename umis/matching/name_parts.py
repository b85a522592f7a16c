"""Words in a name that are not names, and the gendered endings of names that are.

Patronymic markers: Azerbaijani (and Uzbek, Kazakh) write the father's name followed by
"son of" / "daughter of": "Rəşad Əli oğlu", "Aynur Vaqif qızı". Russian spellings write
them оглы/кызы, clerks ogly/kyzy/gizi. They are recognised on the canonical form, so every
spelling of each is one marker ("oğlu" -> oglu, "оглы" -> ogli, "qızı" -> gizi, ...).

Particles: "bin/ibn/bint" (son/daughter of, Arabic), the article "al/el/ul" (Al-Hashimi,
El-Sayed, Zia ul Haq), and the European "de, da, di, del, della, der, den, van, von, la,
dos, das, mac". They are set apart so that "Al-Hashimi" and "Hashimi" share their name
token. "le" and "du" are not particles here: they are also Vietnamese and Chinese surnames,
which would be lost; "ben" is a given name as often as a particle.

Gendered endings: a Russian or Azerbaijani surname has a feminine form (Aliyev/Aliyeva,
Petrovsky/Petrovskaya, Tolstoy/Tolstaya) and a patronymic has two (Ivanovich/Ivanovna).
Name tokens keep them apart (a brother and a sister are two people); the stems below let
a comparison see that they are related.
"""

from __future__ import annotations

import re

# Canonical forms (see umis.matching.variants) of the markers, and the plain spellings
# callers may hold.
SON_OF = frozenset({"oglu", "ogli", "ugli"})
DAUGHTER_OF = frozenset({"gizi", "kizi"})
PATRONYMIC_MARKERS = SON_OF | DAUGHTER_OF | frozenset({"ogly", "oghlu", "qizi", "kyzy", "qyzy"})

ANCESTRY_PARTICLES = frozenset({"bin", "ibn", "bint", "binti"})
PARTICLES = ANCESTRY_PARTICLES | frozenset(
    {"al", "el", "ul", "de", "da", "di", "del", "dela", "der", "den", "van", "von", "la"}
    | {"dos", "das", "mac"}
)

# Feminine surname ending -> masculine (on canonical tokens).
_SURNAME_ENDINGS = (
    (re.compile(r"(?<=[st])kaya$"), "ki"),  # Petrovskaya -> petrovski, Trubetskaya
    (re.compile(r"(?<=[st])koi$"), "ki"),  # Trubetskoy -> trubetskoi -> trubetski
    (re.compile(r"(?<=[b-df-hj-np-tv-z])aya$"), "oi"),  # Tolstaya -> tolstoi (Tolstoy)
    (re.compile(r"(?<=ov|ev|in)a$"), ""),  # Aliyeva -> aliev, Ivanova, Pushkina
)

# Russian and Ukrainian patronymic endings (canonical forms), longest first.
_PATRONYMIC_ENDINGS = re.compile(r"(?:inichna|ichna|ovich|evich|ovna|evna|ivna|ich)$")
_PATRONYMIC_MIN_STEM = 2


def is_marker(canonical_token: str) -> bool:
    return canonical_token in PATRONYMIC_MARKERS


def surname_stem(canonical_token: str) -> str:
    """The masculine form of a Russian/Azerbaijani surname (the token itself otherwise):
    ``surname_stem("alieva") == surname_stem("aliev") == "aliev"``."""
    for pattern, replacement in _SURNAME_ENDINGS:
        stem, count = pattern.subn(replacement, canonical_token)
        if count and len(stem) >= 3:
            return stem
    return canonical_token


def patronymic_stem(canonical_token: str) -> str | None:
    """The father's-name stem of a Russian-style patronymic, None if the token is not one:
    Ivanovich and Ivanovna -> "ivan", Ilyich and Ilyinichna -> "il"."""
    stem = _PATRONYMIC_ENDINGS.sub("", canonical_token)
    if stem == canonical_token or len(stem) < _PATRONYMIC_MIN_STEM:
        return None
    return stem


def is_patronymic(canonical_token: str) -> bool:
    return patronymic_stem(canonical_token) is not None


def is_feminine_patronymic(canonical_token: str) -> bool:
    return is_patronymic(canonical_token) and canonical_token.endswith("na")
