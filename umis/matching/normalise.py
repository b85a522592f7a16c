"""Names made comparable across scripts: the one function family the registry, the
application intake, the border ingest, the linkage and the screening all use.

A name in any script goes through three steps:

1. Unicode NFKC and a deliberate transliteration to plain lowercase ASCII
   (``umis.matching.transliterate``): "Məmmədov" -> mammadov, "Мамедов" -> mamedov; a
   word typed half in the other keyboard layout ("Mамедов") is read in its majority
   script.
2. The spelling rules of ``umis.matching.variants`` make the canonical token: the ways
   the region writes one name in Latin fold together (Cəfərov, Jafarov, Dzhafarov,
   Djafarov -> jafarov; Əliyev, Aliyev, Aliev, Алиев -> aliev; Mammadov -> mamadov).
3. ``phonetic_key`` folds what one language hears differently (Həsənov/Гасанов,
   Quliyev/Кулиев, Mamadov/Mamedov) and the vowels Arabic script leaves unwritten; it is
   the blocking key.

Patronymic markers (oğlu, qızı) and particles (al, bin, van, ...) are set apart from the
name tokens (``umis.matching.name_parts``). Feminine and masculine forms stay distinct
tokens; ``surname_stem`` relates them. Full names written in one string are split by
``umis.matching.fullnames.split_full_name``.

Bump ``NORMALISER_VERSION`` whenever a rule changes the output, so that stored keys can be
recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from umis.matching.name_parts import (
    PARTICLES,
    PATRONYMIC_MARKERS,
    is_patronymic,
    patronymic_stem,
    surname_stem,
)
from umis.matching.scripts import MIXED, NONE, detect_script, scripts_of
from umis.matching.transliterate import plain_tokens
from umis.matching.variants import sound_form, spelling_form

__all__ = [
    "NORMALISER_VERSION",
    "PARTICLES",
    "PATRONYMIC_MARKERS",
    "NameTokens",
    "canonical_name",
    "canonical_token",
    "detect_script",
    "is_patronymic",
    "name_key",
    "name_tokens",
    "patronymic_stem",
    "phonetic_key",
    "phonetic_keys",
    "surname_stem",
]

NORMALISER_VERSION = 2


@dataclass(frozen=True, slots=True)
class NameTokens:
    """A name reduced to comparable tokens."""

    tokens: tuple[str, ...]  # canonical tokens, markers and particles removed, in order
    markers: tuple[str, ...] = ()  # patronymic markers and particles that were removed
    plain: tuple[str, ...] = ()  # the same tokens transliterated but not folded
    script: str = "none"  # the script of the text as written (see detect_script)


@lru_cache(maxsize=500_000)
def _fold(plain_token: str) -> str:
    return spelling_form(plain_token)


_NOT_NAMES = PARTICLES | PATRONYMIC_MARKERS


@lru_cache(maxsize=500_000)
def _word(word: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Plain and canonical tokens of one whitespace-separated word, and its scripts. Names
    repeat their words far more than whole names, so this is the cache that counts."""
    plain = tuple(plain_tokens(word))
    return plain, tuple(_fold(token) for token in plain), scripts_of(word)


def canonical_token(word: str) -> str:
    """The canonical form of one word written in any script (words joined if several)."""
    return "".join(_fold(token) for token in plain_tokens(word))


def _set_apart(plain: list[str], canonical: list[str]) -> NameTokens:
    # A particle stands before the name it belongs to ("al Hashimi", "de la Cruz"); a
    # marker after the father's name.
    last_name = max((i for i, token in enumerate(canonical) if token not in PARTICLES), default=-1)
    tokens: list[str] = []
    kept_plain: list[str] = []
    markers: list[str] = []
    for index, (word, token) in enumerate(zip(plain, canonical, strict=True)):
        is_marker = token in PATRONYMIC_MARKERS and index > 0
        is_particle = token in PARTICLES and index < last_name
        if is_marker or is_particle:
            markers.append(token)
        else:
            tokens.append(token)
            kept_plain.append(word)
    return NameTokens(tuple(tokens), tuple(markers), tuple(kept_plain))


@lru_cache(maxsize=200_000)
def name_tokens(text: str) -> NameTokens:
    """The canonical tokens of a name written in any script. Empty text has no tokens."""
    plain: list[str] = []
    canonical: list[str] = []
    scripts: frozenset[str] = frozenset()
    for word in (text or "").split():
        word_plain, word_canonical, word_scripts = _word(word)
        plain.extend(word_plain)
        canonical.extend(word_canonical)
        scripts = scripts | word_scripts
    script = (MIXED if len(scripts) > 1 else next(iter(scripts))) if scripts else NONE
    if _NOT_NAMES.isdisjoint(canonical):
        return NameTokens(tuple(canonical), (), tuple(plain), script)
    parsed = _set_apart(plain, canonical)
    return NameTokens(parsed.tokens, parsed.markers, parsed.plain, script)


def canonical_name(text: str) -> str:
    """The canonical tokens of a name, space-separated, in their original order."""
    return " ".join(name_tokens(text).tokens)


def name_key(text: str) -> str:
    """Order-independent: the sorted distinct canonical tokens, space-separated."""
    return " ".join(sorted(set(name_tokens(text).tokens)))


@lru_cache(maxsize=500_000)
def _sound(token: str) -> str:
    return sound_form(token)


def phonetic_key(token: str) -> str:
    """The sound key of one token (canonical or as written in any script): robust to the
    region's variants, coarse enough to block on, too coarse to decide on."""
    if token.isascii() and token.isalnum() and token.islower():
        return _sound(_fold(token))
    return " ".join(_sound(_fold(word)) for word in plain_tokens(token))


def canonical_sounds(canonical: str) -> str:
    """The sound keys of a canonical name's tokens in order, space-separated: one name
    written in two scripts or two spellings ("Khasan", "حسن") mostly shares them where its
    letters do not."""
    return " ".join(phonetic_key(token) for token in canonical.split(" ") if token)


def phonetic_keys(text: str) -> tuple[str, ...]:
    """The sound keys of a name's tokens, in order."""
    return tuple(_sound(token) for token in name_tokens(text).tokens)
