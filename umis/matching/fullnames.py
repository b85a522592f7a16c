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
   passport habit); then each word is scored: +1 if it ends like the region's surnames
   (-ov, -yev, -ova, -zadə, -lı, -dze, -shvili, -ua, -yan, -sky, -enko ...), -1 if it is a
   known given name and no known surname (the given-name lists of the Faker locales we
   ship: Azerbaijani, Russian, Ukrainian, Uzbek, Turkish, Persian, Arabic, Georgian,
   Armenian, English, Indian, Chinese). The higher score is the surname; on a tie the
   last word is (Western order) and the result is marked ``ambiguous``. A caller that
   knows the order of a whole file passes ``surname_first``.

Honestly ambiguous: two words of which neither or both look like a surname ("John Smith",
"Rashad Ilham"); "Ivan Petrovich" (a given name and patronymic, or a Serbian surname);
a surname in -ich ("Abramovich") among three words; middle words (second given names or a
patronymic without its marker: "Rəşad Əli Məmmədov"). Particles (al, van, de, ...) stay
with the word after them. One word alone is the surname (ICAO 9303: a single name is the
primary identifier).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
    r"(?:ov|ev|ova|eva|ovi|evi|ski|skaia|skaya|tski|zade|zada|dze|shvili|enko|chuk|uk|ogl[ui])$"
)
# Endings some given names share (Demian, Maria, Ani, Nurlan): they count on longer words.
_LONG_SURNAME_ENDINGS = re.compile(r"(?:li|lu|in|ina|ani|uri|ia|ua|ava|ian|gizi)$")
_LONG = 6
_LEXICON_LOCALES = (
    "az_AZ", "ru_RU", "uk_UA", "uz_UZ", "tr_TR", "fa_IR", "ar_AA", "ka_GE", "hy_AM",
    "en_US", "en_IN", "zh_CN",
)  # fmt: skip


def _faker_names(attribute: str) -> set[str]:
    names: set[str] = set()
    for locale in _LEXICON_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:  # the lists are a help, not a requirement
            continue
        for name in getattr(provider, attribute, ()):
            names.update(canonical_token(word) for word in str(name).split())
    return names


@lru_cache(maxsize=1)
def _given_names_only() -> frozenset[str]:
    return frozenset(_faker_names("first_names") - _faker_names("last_names"))


def is_known_given_name(word: str) -> bool:
    return canonical_token(word) in _given_names_only()


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
    return bool(_LONG_SURNAME_ENDINGS.search(token)) and len(token) >= _LONG


def surname_score(word: str) -> int:
    """+1 for a surname's ending, -1 for a known given name: which of two words is the
    surname when nothing else tells."""
    return int(looks_like_surname(word)) - int(is_known_given_name(word))


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


def _order_without_patronymic(words: list[str], surname_first: bool | None) -> ParsedName:
    units = _units(words)
    if not units:
        return ParsedName("", "")
    if len(units) == 1:
        return ParsedName(units[0], "")
    if surname_first is not None:
        if surname_first:
            return ParsedName(units[0], _join(units[1:]))
        return ParsedName(units[-1], _join(units[:-1]))
    capitals = [i for i, unit in enumerate(units) if _is_capitals(unit)]
    if len(capitals) == 1 and len(units) > 1 and not all(map(_is_capitals, units)):
        index = capitals[0]
        return ParsedName(units[index], _join(units[:index] + units[index + 1 :]))
    first, last = surname_score(units[0]), surname_score(units[-1])
    if first > last:
        return ParsedName(units[0], _join(units[1:]))
    return ParsedName(units[-1], _join(units[:-1]), ambiguous=first == last)


def _split_marker(words: list[str], marker: int, surname_first: bool | None) -> ParsedName:
    patronymic = _join(words[marker - 1 : marker + 1])
    before, after = words[: marker - 1], words[marker + 1 :]
    if after and len(before) == 1:
        return ParsedName(_join(after), before[0], patronymic)
    others = before + after
    if len(others) == 1:
        return ParsedName("", others[0], patronymic)
    if len(others) == 2 and surname_first is None:
        # the Azerbaijani document order, Surname Given Father oğlu, unless the words say
        # otherwise
        first, second = surname_score(others[0]), surname_score(others[1])
        if second > first:
            return ParsedName(others[1], others[0], patronymic)
        return ParsedName(others[0], others[1], patronymic, ambiguous=first == second)
    parsed = _order_without_patronymic(others, surname_first)
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
        return ParsedName(words[0], _join(words[1:last]), words[last], surname_score(words[0]) <= 0)
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


def split_full_name(text: str, *, surname_first: bool | None = None) -> ParsedName:
    """Surname, given name and patronymic of a full name written in any script.
    ``surname_first`` is the order of the source when it is known (a file's convention);
    patronymics, markers and a comma still decide where they occur."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    if "," in text:
        surname, _, rest = text.partition(",")
        given, patronymic = _split_given_part(rest.replace(",", " "))
        return ParsedName(surname.strip(), given, patronymic)
    words = text.split()
    canonical = [canonical_token(word) for word in words]
    for index in range(1, len(words)):
        if canonical[index] in PATRONYMIC_MARKERS:
            return _split_marker(words, index, surname_first)
    for index in range(len(words) - 1):
        if canonical[index] in ANCESTRY_PARTICLES and index > 0:
            patronymic = _join(words[index : index + 2])
            parsed = _order_without_patronymic(words[:index] + words[index + 2 :], surname_first)
            if len(words[:index]) == 1 and words[index + 2 :]:
                return ParsedName(_join(words[index + 2 :]), words[0], patronymic)
            return ParsedName(parsed.surname, parsed.given, patronymic, parsed.ambiguous)
    russian = [i for i, token in enumerate(canonical) if is_patronymic(token)]
    if len(words) >= 3 and (parsed := _split_russian(words, russian)) is not None:
        return parsed
    if len(words) == 2 and russian == [1] and is_feminine_patronymic(canonical[1]):
        return ParsedName("", words[0], words[1])  # "Anna Ivanovna": addressed by name
    parsed = _order_without_patronymic(words, surname_first)
    if len(words) == 2 and russian and surname_first is None:
        return ParsedName(parsed.surname, parsed.given, ambiguous=True)
    return parsed
