"""Which writing system a name is written in, read from the Unicode character names.

Python's ``unicodedata`` has no Script property, but every letter's name starts with its
script ("CYRILLIC SMALL LETTER A", "GEORGIAN LETTER AN", "ARABIC LETTER FARSI YEH"), so
the first word of the name is the script for every alphabet a migration office meets. The
few families whose names start otherwise are listed in ``_NAME_PREFIXES``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Character-name prefixes that do not simply start with the script's own name.
_NAME_PREFIXES = (
    ("CJK ", "han"),
    ("KANGXI RADICAL", "han"),
    ("IDEOGRAPHIC", "han"),
    ("OLD ", "old"),
)
# Letters that belong to no script in particular (modifier apostrophes such as the Uzbek
# okina, the ordinal indicators): they never decide a name's script.
_SCRIPTLESS_PREFIXES = ("MODIFIER LETTER", "FEMININE ORDINAL", "MASCULINE ORDINAL")

MIXED = "mixed"
NONE = "none"


@lru_cache(maxsize=4096)
def char_script(char: str) -> str | None:
    """The script of one letter in lowercase ("latin", "cyrillic", ...), None otherwise."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    if not name or name.startswith(_SCRIPTLESS_PREFIXES):
        return None
    for prefix, script in _NAME_PREFIXES:
        if name.startswith(prefix):
            return script
    # "FULLWIDTH LATIN ...", "HALFWIDTH KATAKANA ...": the width is not the script.
    words = name.split(" ")
    if words[0] in ("FULLWIDTH", "HALFWIDTH") and len(words) > 1:
        return words[1].lower()
    return words[0].lower()


def detect_script(text: str) -> str:
    """The one script of the letters in ``text``; "mixed" for two or more, "none" for no
    letter at all. Spaces, digits, punctuation and marks do not count."""
    found: str | None = None
    for char in text or "":
        script = char_script(char)
        if script is None or script == found:
            continue
        if found is not None:
            return MIXED
        found = script
    return found or NONE


def scripts_of(text: str) -> frozenset[str]:
    """Every script whose letters occur in ``text``."""
    return frozenset(s for s in map(char_script, text or "") if s is not None)
