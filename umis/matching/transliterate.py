"""Any-script text to plain lowercase ASCII, with the letters of the region chosen on purpose.

``anyascii`` covers every script, but for the letters that matter most here its choices
break matching: it writes the Azerbaijani schwa as "e" where passports write "a"
(MAMMADOV), Azerbaijani Cyrillic "ҹ" (the Latin "c", /dʒ/) as "ch", and drops the
distinction between "ş" and "s". The maps below decide those letters first; anyascii
handles whatever is left (Georgian, Armenian, Greek, Han, ...).

The output is "plain": still readable, with digraphs for the sounds Latin lacks (sh, ch,
zh, kh, gh). Folding the spelling variants of the region onto one form is the next step
(``umis.matching.variants``).
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from umis.matching.scripts import char_script

# Latin letters with diacritics used by Azerbaijani, Turkish, Turkmen, Uzbek and in the
# scholarly romanisations of Russian (ISO 9 style "š", "ž", "č").
_LATIN = {
    "ə": "a",  # Azerbaijani passports write Ə as A (MƏMMƏDOV -> MAMMADOV)
    "ä": "a",  # the 1991-92 Azerbaijani alphabet and Turkmen wrote ə as ä
    "ğ": "gh",
    "ǧ": "gh",
    "ı": "i",
    "i̇": "i",
    "ö": "o",
    "ü": "u",
    "ç": "ch",
    "ş": "sh",
    "ș": "sh",  # comma-below s, a common mis-keyed ş
    "ţ": "ts",
    "ț": "ts",
    "š": "sh",
    "ž": "zh",
    "č": "ch",
    "ñ": "n",
    "ň": "n",
}

# Russian, Azerbaijani Cyrillic (1939-1991) and the other Cyrillic alphabets of the region.
# Russian letters follow the passport (ICAO 9303) choices except where the common English
# spelling is what clerks type (й -> y, ю -> yu, я -> ya).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Azerbaijani Cyrillic: ә = ə, ғ = ğ, ҹ = c (/dʒ/), һ = h, ј = y, ө = ö, ү = ü, ҝ = g
    "ә": "a", "ғ": "gh", "ҹ": "j", "һ": "h", "ј": "y", "ө": "o", "ү": "u", "ҝ": "g",
    # Kazakh, Kyrgyz, Uzbek, Tajik, Ukrainian, Belarusian
    "қ": "q", "ң": "ng", "ұ": "u", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    "ҳ": "h", "ӣ": "i", "ӯ": "u", "ҷ": "j",
}  # fmt: skip

# Arabic script as Persian and South Azerbaijani write names. Short vowels are not written,
# so "محمدی" gives "mhmdi": the sound key (not the spelling) is what matches it to
# "Mohammadi". Weak letters that may be vowels become vowels or y, which that key drops.
_ARABIC = {
    "ا": "a", "آ": "a", "أ": "a", "إ": "e", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "y",
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ک": "k",
    "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "و": "v", "ه": "h", "ة": "a",
    "ی": "y", "ي": "y", "ى": "a", "ۆ": "o", "ۇ": "u", "ێ": "e", "ڤ": "v", "ڭ": "ng",
    "ە": "e", "ۋ": "v",
    # vowel signs, when written: fatha, kasra, damma, superscript alef; the rest are silent
    "\u064e": "a", "\u0650": "e", "\u064f": "o", "\u0670": "a",
    "\u064b": "", "\u064c": "", "\u064d": "", "\u0651": "", "\u0652": "", "\u0640": "",
}  # fmt: skip

# Greek "ου" is one vowel (u); anyascii spells it "oy".
_GREEK_DIGRAPHS = (("ου", "ou"), ("ού", "ou"), ("οὐ", "ou"))

# Apostrophe-like marks inside a name (O'Neil, Uzbek oʻ/gʻ, Russian soft sign written as a
# prime, the ayin written as a backtick) join the letters around them.
_APOSTROPHES = "'`´ʹʻʼʽʾʿ‘’′"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for mapping in (_LATIN, _CYRILLIC, _ARABIC):
        for source, target in mapping.items():
            if len(source) != 1:
                continue
            table[ord(source)] = target
            upper = source.upper()
            if len(upper) == 1 and upper != source:
                table[ord(upper)] = target
    table[ord("İ")] = "i"  # "İ".lower() is two characters; decide it here
    for char in _APOSTROPHES + _ZERO_WIDTH:
        table[ord(char)] = ""
    return table


_TABLE = _table()
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
# An ayin that opens a word carries its vowel (عباس Abbas, علی Ali, عمر Omar).
_ARABIC_INITIAL_AYIN = re.compile(r"(?<![\u0600-\u06ff])ع")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


# A doubled waw is a consonant and a vowel (داوود Davood, طاووس Tavus).
_ARABIC_DOUBLE_WAW = re.compile("وو")


def _arabic_positional(text: str) -> str:
    return _ARABIC_DOUBLE_WAW.sub("vu", _ARABIC_INITIAL_AYIN.sub("ا", text))


# Letters that look alike in Latin and Cyrillic. A clerk who switches keyboard layout in
# the middle of a word types "Mамедов" (a Latin M) or "Сəfərov" (a Cyrillic С); the word's
# majority script decides what the look-alikes were meant to be.
_CYRILLIC_LOOKALIKES = "АВЕКМНОРСТХУаеорсухіјѕһәӘԛԝ"
_LATIN_LOOKALIKES = "ABEKMHOPCTXYaeopcyxijshəƏqw"
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)


def _unmix_word(word: str) -> str:
    latin = cyrillic = 0
    for char in word:
        script = char_script(char)
        latin += script == "latin"
        cyrillic += script == "cyrillic"
    if not latin or not cyrillic or latin == cyrillic:
        return word
    return word.translate(_TO_LATIN if latin > cyrillic else _TO_CYRILLIC)


def unmix_lookalikes(text: str) -> str:
    """Each word that mixes Latin and Cyrillic letters, written in its majority script."""
    return " ".join(_unmix_word(word) for word in text.split())


def to_plain_ascii(text: str) -> str:
    """Lowercase ASCII of any-script text: letters, digits and single spaces only."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = unmix_lookalikes(text)
        if _ARABIC_LETTERS.search(text):
            text = _arabic_positional(text)
        for digraph, latin in _GREEK_DIGRAPHS:
            text = text.replace(digraph, latin).replace(digraph.capitalize(), latin)
        text = text.translate(_TABLE)
        if not text.isascii():
            # anyascii marks Georgian ejectives and Armenian aspirates with apostrophes
            text = anyascii(text).translate(_TABLE)
    else:
        text = text.translate(_TABLE)
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def plain_tokens(text: str) -> list[str]:
    """The words of ``to_plain_ascii(text)``: hyphens, commas and spaces separate."""
    plain = to_plain_ascii(text)
    return plain.split(" ") if plain else []
