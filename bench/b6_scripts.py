"""How B6's generator writes a name in another script or spelling: the conventions clerks,
passports and people really use, written independently of the linkage engine.

- ``az_passport``: Azerbaijani Latin on a passport's data page (ICAO 9303 has no ə, so
  Ə -> A; the other letters lose their marks: ŞAHİN -> SAHIN; some offices write SH, CH,
  GH instead, ``digraphs=True``).
- ``az_english``: what a person or an English-writing clerk types: Cəfər -> Jafar,
  Şahin -> Shahin, Xəlil -> Khalil, Qasım -> Gasim.
- ``az_russian``: the Russian (Soviet) spelling in Cyrillic: Məmmədov -> Мамедов,
  Hüseynov -> Гусейнов, Cəfərov -> Джафаров, Həsənov -> Гасанов; "oğlu" -> "оглы".
- ``cyrillic_latin``: Cyrillic in Latin by ICAO 9303 (Ю -> IU, Й -> I, passports since
  2013) or by the older English habit (Ю -> YU, Й -> Y): Гусейнов -> Guseinov/Guseynov,
  Джафаров -> Dzhafarov.
- ``georgian_latin`` (the national system of 2002, apostrophes dropped as passports drop
  them) and ``georgian_russian`` (Cyrillic, the Russian nominative without the final -ი of
  surnames in -ევი/-ოვი).
"""

from __future__ import annotations

import re
import unicodedata

_AZ_PASSPORT = str.maketrans(
    {"ə": "a", "Ə": "A", "ç": "c", "Ç": "C", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G",
     "ı": "i", "I": "I", "İ": "I", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U"}
)  # fmt: skip
_AZ_DIGRAPHS = {"ç": "ch", "ş": "sh", "ğ": "gh"}
_AZ_ENGLISH = {
    "ə": "a", "ç": "ch", "ş": "sh", "ğ": "gh", "x": "kh", "c": "j", "q": "g", "ı": "i",
    "ö": "o", "ü": "u", "i̇": "i",
}  # fmt: skip

_AZ_RUSSIAN_CLUSTERS = (
    ("oğlu", "оглы"), ("qızı", "кызы"), ("iyev", "иев"), ("iyeva", "иева"), ("mməd", "мед"),
    ("məd", "мед"), ("yev", "ев"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"),
)  # fmt: skip
_AZ_RUSSIAN = {
    "a": "а", "b": "б", "c": "дж", "ç": "ч", "d": "д", "e": "е", "ə": "а", "f": "ф",
    "g": "г", "ğ": "г", "h": "х", "x": "х", "ı": "ы", "i": "и", "j": "ж", "k": "к",
    "q": "г", "l": "л", "m": "м", "n": "н", "o": "о", "ö": "ё", "p": "п", "r": "р",
    "s": "с", "ş": "ш", "t": "т", "u": "у", "ü": "у", "v": "в", "y": "й", "z": "з",
    "w": "в",
}  # fmt: skip
_SOFTENING = set("gklnb")  # ə -> я, ü -> ю after these (Gəncə -> Гянджа, Gülnarə -> Гюльнара)

_CYRILLIC_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ы": "y", "ь": "", "э": "e", "ґ": "g", "і": "i",
}  # fmt: skip
_ICAO = {**_CYRILLIC_COMMON, "й": "i", "ю": "iu", "я": "ia", "ъ": "ie", "ї": "i", "є": "ie"}
_ENGLISH = {**_CYRILLIC_COMMON, "й": "y", "ю": "yu", "я": "ya", "ъ": "", "ё": "yo",
            "ї": "yi", "є": "ye"}  # fmt: skip
_UKRAINIAN = {"г": "h", "и": "y"}  # the Ukrainian national system's differences
_VOWELS = set("аеёиоуыэюяaeiou")

_GEORGIAN_LATIN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t",
    "ი": "i", "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh",
    "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q",
    "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h",
}  # fmt: skip
_GEORGIAN_RUSSIAN = {
    "ა": "а", "ბ": "б", "გ": "г", "დ": "д", "ე": "е", "ვ": "в", "ზ": "з", "თ": "т",
    "ი": "и", "კ": "к", "ლ": "л", "მ": "м", "ნ": "н", "ო": "о", "პ": "п", "ჟ": "ж",
    "რ": "р", "ს": "с", "ტ": "т", "უ": "у", "ფ": "п", "ქ": "к", "ღ": "г", "ყ": "к",
    "შ": "ш", "ჩ": "ч", "ც": "ц", "ძ": "дз", "წ": "ц", "ჭ": "ч", "ხ": "х", "ჯ": "дж",
    "ჰ": "х",
}  # fmt: skip


def _bare(char: str) -> str:
    """A letter without its marks (Turkish â, î, û)."""
    return unicodedata.normalize("NFD", char)[:1]


def _unmarked(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def _title(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def az_passport(text: str, *, digraphs: bool = False) -> str:
    lower = text.lower().replace("i̇", "i")
    if digraphs:
        lower = "".join(_AZ_DIGRAPHS.get(char, char) for char in lower)
    return _unmarked(lower.translate(_AZ_PASSPORT)).upper()


def az_english(text: str) -> str:
    lower = text.lower().replace("i̇", "i")
    return _title(_unmarked("".join(_AZ_ENGLISH.get(char, char) for char in lower)))


def _q_reading(word: str) -> str:
    """Russian writes an Azerbaijani q as Г or К by name (Гасымов, Кулиев): a fixed choice
    per word, so one name always gets the same spelling."""
    return "к" if sum(map(ord, word)) % 3 == 0 else "г"


def _az_russian_word(word: str) -> str:
    lower = word.lower().replace("i̇", "i")
    out: list[str] = []
    position = 0
    while position < len(lower):
        for cluster, cyrillic in _AZ_RUSSIAN_CLUSTERS:
            if lower.startswith(cluster, position):
                out.append(cyrillic)
                position += len(cluster)
                break
        else:
            char = lower[position]
            previous = lower[position - 1] if position else ""
            if char == "h" and position == 0:
                out.append("г")  # Həsən -> Гасан, Hüseyn -> Гусейн
            elif char == "q":
                out.append(_q_reading(lower))
            elif char == "ə" and previous in _SOFTENING:
                out.append("я")
            elif char == "ü" and previous in _SOFTENING:
                out.append("ю")
            elif char == "e" and position == 0:
                out.append("э")
            else:
                out.append(_AZ_RUSSIAN.get(char) or _AZ_RUSSIAN.get(_bare(char), char))
            position += 1
    return "".join(out)


def az_russian(text: str) -> str:
    return _title(" ".join(_az_russian_word(word) for word in text.split(" ")))


def cyrillic_latin(text: str, *, system: str = "icao", ukrainian: bool = False) -> str:
    table = _ICAO if system == "icao" else _ENGLISH
    if ukrainian and system == "icao":
        table = {**table, **_UKRAINIAN}
    out: list[str] = []
    lower = text.lower()
    for position, char in enumerate(lower):
        previous = lower[position - 1] if position else " "
        if system == "english" and char == "е" and (previous in _VOWELS or previous in " ьъ"):
            out.append("ye")  # Елена -> Yelena, Алиев -> Aliyev
        else:
            out.append(table.get(char, char))
    latin = "".join(out)
    if system == "english":
        latin = re.sub(r"iy\b", "y", latin)  # Георгий -> Georgiy -> Georgy
    return _title(latin)


def georgian_latin(text: str) -> str:
    return _title("".join(_GEORGIAN_LATIN.get(char, char) for char in text))


def georgian_russian(text: str) -> str:
    cyrillic = "".join(_GEORGIAN_RUSSIAN.get(char, char) for char in text)
    cyrillic = re.sub(r"(ев|ов)и\b", r"\1", cyrillic)  # აბდულაევი -> Абдулаев
    return _title(cyrillic)
