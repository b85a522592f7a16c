"""Names: what a Latin-script name may contain, and a search key that ignores the script.

The search key lets an officer type a name in whatever script is at hand: "Мамедов",
"Mamedov" and "Məmmədov" all reduce to the same ASCII tokens, as do a Georgian name and
its Latin spelling. Everything is transliterated with ``anyascii``; the Azerbaijani schwa
is mapped to "a" first, as in Azerbaijani passports (MAMMADOV), because anyascii maps it
to "e".
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from umis.matching.normalise import phonetic_keys

APOSTROPHES = "'\u2019\u02bc\u02bb"
_JOINERS = {"\u200c", "\u200d"}  # zero-width (non-)joiner: part of Persian spelling
_PRE_TRANSLITERATION = str.maketrans({"Ə": "A", "ə": "a"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """NFC, single spaces, trimmed: how a name is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _is_separator(char: str) -> bool:
    return char in " -" or char in APOSTROPHES


def is_latin_name(text: str) -> bool:
    """Latin letters (Azerbaijani, Turkish and other accented ones too), spaces, hyphens,
    apostrophes; at least one letter."""
    text = unicodedata.normalize("NFC", text)
    has_letter = False
    for char in text:
        if _is_separator(char):
            continue
        if unicodedata.category(char).startswith("L") and unicodedata.name(char, "").startswith(
            "LATIN "
        ):
            has_letter = True
            continue
        if unicodedata.category(char).startswith("M") and has_letter:
            continue  # a combining accent on a Latin letter
        return False
    return has_letter


def is_native_name(text: str) -> bool:
    """Letters of any script with their marks, spaces, hyphens, apostrophes, joiners."""
    has_letter = False
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category.startswith("L"):
            has_letter = True
        elif not (category.startswith("M") or _is_separator(char) or char in _JOINERS):
            return False
    return has_letter


def to_ascii(text: str) -> str:
    return anyascii(unicodedata.normalize("NFC", text).translate(_PRE_TRANSLITERATION))


def search_tokens(text: str) -> list[str]:
    """Lowercase ASCII tokens of any-script text, apostrophes dropped ("O'Neil" -> oneil)."""
    ascii_text = to_ascii(text)
    for apostrophe in APOSTROPHES:
        ascii_text = ascii_text.replace(apostrophe, "")
    return [token for token in _NON_ALNUM.split(ascii_text.lower()) if token]


SOUND_MARK = "~"


def sound_words(text: str) -> list[str]:
    """The sound keys of a name's words as the search key holds them ("~mdv"): Mamedov,
    Məmmədov and Мамедов share one."""
    return [SOUND_MARK + key for key in phonetic_keys(text) if key]


def name_search_key(*names: str) -> str:
    """The sorted distinct tokens of all the given names, space-separated, then their
    distinct sound words, each followed by a space (so that " ~mdv " finds a whole one).
    The sound words sort after every token, so the key still starts with a token."""
    tokens: set[str] = set()
    sounds: set[str] = set()
    for name in names:
        if name:
            tokens.update(search_tokens(name))
            sounds.update(sound_words(name))
    key = " ".join(sorted(tokens))
    return f"{key} {' '.join(sorted(sounds))} " if sounds and key else key


def latin_form(text: str) -> str:
    """A Latin spelling of a name in any script (for demo data and suggestions)."""
    if is_latin_name(text):
        return clean_name(text)
    words = []
    for word in clean_name(to_ascii(text)).split(" "):
        word = re.sub(r"[^A-Za-z'-]", "", word)
        if word:
            words.append(word[:1].upper() + word[1:].lower())
    return " ".join(words)
