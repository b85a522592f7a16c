"""A full name written in one string, split into surname, given name and patronymic.

Used for the ``full_name`` column of uploaded lists and for border events, where one
field holds the whole name. The parts keep the text as written (script, case); feed each
to ``name_tokens`` to compare.

Orders read, in this order of evidence:

1. "SURNAME, Given [Patronymic]": a comma puts the surname first (passport style).
2. An Azerbaijani patronymic marker ("Əli oğlu", "Vaqif qızı", "ogly", "kyzy"): the word
   before it is the father's name. Two other words: the document order "Surname Given
   Father oğlu" unless only the second one looks like a surname; one before and one after
   the patronymic: "Given Father oğlu Surname".
3. A Russian patronymic (-ovich, -evich, -ich, -ovna, -evna, -ichna) among three or more
   words: last -> "Surname Given Patronymic" (the official order); in the middle ->
   "Given Patronymic Surname".
4. "bin/ibn/bint X": a patronymic in the Arabic manner ("Mohammed bin Salman Al Saud").
5. Otherwise: a word in capitals among words that are not is the surname (border and
   passport habit); then a word that looks like a surname (-ov, -yev, -ova, -zadə, -li,
   -dze, -shvili, -yan, -sky, -enko ...) decides; else the last word is the surname
   (Western order) and the result is marked ``ambiguous``.

Honestly ambiguous: two words of which neither or both look like a surname ("John Smith",
"Rashad Ilham"); "Ivan Petrovich" (a given name and patronymic, or a Serbian surname);
a surname in -ich ("Abramovich") among three words; middle words (second given names or a
patronymic without its marker: "Rəşad Əli Məmmədov"). Particles (al, van, de, ...) stay
with the word after them. One word alone is the surname (ICAO 9303: a single name is the
primary identifier).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from umis.matching.name_parts import (
    ANCESTRY_PARTICLES,
    PARTICLES,
    PATRONYMIC_MARKERS,
    is_feminine_patronymic,
    is_patronymic,
)
from umis.matching.normalise import canonical_token
from umis.matching.transliterate import plain_tokens

_SURNAME_ENDINGS = re.compile(
    r"(?:ov|ev|ova|eva|ski|skaia|skaya|tski|zade|zada|dze|shvili|ian|enko|chuk|uk|ogl[ui])$"
)
_LONG_SURNAME_ENDINGS = re.compile(r"(?:li|in|ina|ani|uri|ia|ava)$")  # also given names
_LONG = 6


@dataclass(frozen=True, slots=True)
class ParsedName:
    surname: str
    given: str
    patronymic: str = ""
    ambiguous: bool = False  # the order was guessed, see the module's documentation


def looks_like_surname(word: str) -> bool:
    """Ends the way the region's surnames end (Aliyev, Aliyeva, Quluzadə, Beridze, ...)."""
    parts = plain_tokens(word)
    if len(parts) > 1 and parts[0] in PARTICLES:
        return True  # Al-Hashimi, van Dijk
    token = canonical_token(word)
    if _SURNAME_ENDINGS.search(token) and len(token) > 3:
        return True
    return bool(_LONG_SURNAME_ENDINGS.search(token)) and len(token) >= _LONG + 1


def _is_capitals(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def _join(words: list[str]) -> str:
    return " ".join(words)


def _units(words: list[str]) -> list[str]:
    """Words with their particles attached to the word that follows."""
    units: list[str] = []
    pending: list[str] = []
    for word in words:
        if canonical_token(word) in PARTICLES:
            pending.append(word)
            continue
        units.append(_join([*pending, word]))
        pending = []
    if pending:
        units.extend(pending)
    return units


def _order_without_patronymic(words: list[str]) -> ParsedName:
    units = _units(words)
    if not units:
        return ParsedName("", "")
    if len(units) == 1:
        return ParsedName(units[0], "")
    capitals = [i for i, unit in enumerate(units) if _is_capitals(unit)]
    if len(capitals) == 1 and len(units) > 1 and not all(map(_is_capitals, units)):
        index = capitals[0]
        return ParsedName(units[index], _join(units[:index] + units[index + 1 :]))
    first_looks, last_looks = looks_like_surname(units[0]), looks_like_surname(units[-1])
    if first_looks and not last_looks:
        return ParsedName(units[0], _join(units[1:]))
    return ParsedName(units[-1], _join(units[:-1]), ambiguous=not last_looks or first_looks)


def _split_marker(words: list[str], marker: int) -> ParsedName:
    patronymic = _join(words[marker - 1 : marker + 1])
    before, after = words[: marker - 1], words[marker + 1 :]
    if after and len(before) == 1:
        return ParsedName(_join(after), before[0], patronymic)
    others = before + after
    if len(others) == 1:
        return ParsedName("", others[0], patronymic)
    parsed = _order_without_patronymic(others)
    if len(others) == 2 and not looks_like_surname(others[1]):
        # the Azerbaijani document order: Surname Given Father oğlu
        return ParsedName(others[0], others[1], patronymic)
    return ParsedName(parsed.surname, parsed.given, patronymic, parsed.ambiguous)


def _split_russian(words: list[str], found: list[int]) -> ParsedName | None:
    last = len(words) - 1
    # Given names never end in -ich, surnames sometimes do (Abramovich): a patronymic in
    # the middle wins over one at the end.
    middle = [index for index in found if 0 < index < last]
    if middle:
        index = middle[0]
        return ParsedName(_join(words[index + 1 :]), _join(words[:index]), words[index])
    if found and found[-1] == last:
        return ParsedName(
            words[0], _join(words[1:last]), words[last], not looks_like_surname(words[0])
        )
    return None


def _split_given_part(text: str) -> tuple[str, str]:
    """Given names and patronymic of what follows the comma."""
    words = text.split()
    canonical = [canonical_token(word) for word in words]
    for index in range(1, len(words)):
        if canonical[index] in PATRONYMIC_MARKERS:
            return _join(words[: index - 1]), _join(words[index - 1 : index + 1])
    if len(words) >= 2 and is_patronymic(canonical[-1]):
        return _join(words[:-1]), words[-1]
    return text.strip(), ""


def split_full_name(text: str) -> ParsedName:
    """Surname, given name and patronymic of a full name written in any script."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    if "," in text:
        surname, _, rest = text.partition(",")
        given, patronymic = _split_given_part(rest.replace(",", " "))
        return ParsedName(surname.strip(), given, patronymic)
    words = text.split()
    canonical = [canonical_token(word) for word in words]
    for index in range(1, len(words)):
        if canonical[index] in PATRONYMIC_MARKERS:
            return _split_marker(words, index)
    for index in range(len(words) - 1):
        if canonical[index] in ANCESTRY_PARTICLES and index > 0:
            patronymic = _join(words[index : index + 2])
            parsed = _order_without_patronymic(words[:index] + words[index + 2 :])
            if len(words[:index]) == 1 and words[index + 2 :]:
                return ParsedName(_join(words[index + 2 :]), words[0], patronymic)
            return ParsedName(parsed.surname, parsed.given, patronymic, parsed.ambiguous)
    russian = [i for i, token in enumerate(canonical) if is_patronymic(token)]
    if len(words) >= 3 and (parsed := _split_russian(words, russian)) is not None:
        return parsed
    if len(words) == 2 and russian == [1] and is_feminine_patronymic(canonical[1]):
        return ParsedName("", words[0], words[1])  # "Anna Ivanovna": addressed by name
    parsed = _order_without_patronymic(words)
    if len(words) == 2 and russian:
        return ParsedName(parsed.surname, parsed.given, ambiguous=True)
    return parsed
