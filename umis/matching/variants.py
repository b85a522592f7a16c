"""The spelling variants of the region's names, as data: each rule with why it exists.

Two levels, applied to one plain ASCII token (see ``umis.matching.transliterate``):

- ``SPELLING_RULES`` make the canonical token. They fold the differences between the
  ways the same letters are written in Latin (Azerbaijani passport, Russian passport,
  English, French, German habits): "Dzhafarov", "Djafarov", "Jafarov" and "Cəfərov" are
  one spelling of one name. The result stays readable ("jafarov", "mamadov", "aliev").
- ``SOUND_RULES`` make the sound key on top of it. They fold what one language hears
  where another writes a different letter (Russian Г for Azerbaijani H: Гасанов for
  Həsənov; К for Q: Кулиев for Quliyev; е for ə: Мамедов for Məmmədov), what clerks
  drop (ş -> s, ç -> c in machine-readable zones), and the vowels that Arabic script does
  not write. Too coarse for a verdict, right for blocking: every variant pair shares it.

Rules are applied in order; each is a regular expression over [a-z0-9]. The spelling
rules run until nothing changes, so a canonical token is its own canonical form.

Choices that cost something: c is read as the Turkic /dʒ/ (Cəfər = Jafar), so a Western
"Marco" becomes "marjo" (consistently, so it still matches itself), and a non-final x as
the Azerbaijani /x/ (Xəlil = Khalil), so "Maxim" is "makhim" and does not meet "Maksim".
The measured cost on Faker's name lists is in tests/matching/test_name_collisions.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: str
    replacement: str
    reason: str
    examples: tuple[str, ...] = ()

    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


SPELLING_RULES: tuple[Rule, ...] = (
    Rule(r"(?<=[aeiou])x$", "ks",
         "a final x after a vowel is Western /ks/ (Max, Felix, Alex)", ("Felix",)),
    Rule(r"x", "kh",
         "Azerbaijani and Uzbek x is the sound Russian writes х and English kh",
         ("Xəlilov", "Khalilov", "Халилов")),
    Rule(r"ph", "f", "Greek-derived ph is f (Iosiph, Josephina)", ("Iosiph",)),
    Rule(r"d(?:zh|j)", "j",
         "Russian дж is Dzh in passports and Dj in French-style spellings; English "
         "and Azerbaijani write one letter (j, c)", ("Dzhafarov", "Djafarov", "Jafarov")),
    Rule(r"tch", "ch", "French and German spell ч as tch/tsch", ("Tchaikovsky",)),
    Rule(r"ck", "k", "German and English ck is one k (Beck, Jackson)", ("Beck",)),
    Rule(r"c(?!h)", "j",
         "Azerbaijani and Turkish c is /dʒ/ (Cəfər = Jafar, Cəmil = Jamil); "
         "Western c is rare among the Service's applicants and stays consistent",
         ("Cəfərov", "Cemal")),
    Rule(r"q", "g",
         "Azerbaijani q is written g in English and Russian spellings "
         "(Quliyev/Guliyev, İlqar/Ilgar, Tofiq/Tofig)", ("Quliyev", "Guliyev")),
    Rule(r"gh", "g",
         "ğ, Persian غ/ق and Georgian ღ are gh in English spellings, g in Azerbaijani "
         "passports and Russian", ("Ağayev", "Aghayev", "Агаев")),
    Rule(r"w", "v",
         "w and v are one letter in Persian, Arabic and Russian (و, в)", ("Dawood", "Davud")),
    Rule(r"o[ou]", "u",
         "English oo and the Persian romanisation ou both write u (Masoud, Davood)",
         ("Masoud", "Masud")),
    Rule(r"ee(?!v)", "i",
         "English ee writes i (Saeed, Raheem); Russian -eev (Sergeev, Andreevna) is two vowels",
         ("Raheem", "Rahim")),
    Rule(r"(?<=[aeiou])ff$", "v",
         "-off and -eff are the old French spelling of -ov and -ev", ("Smirnoff",)),
    Rule(r"([a-gi-z0-9])\1+|(?<![csgkz])(h)h+", r"\1\2",
         "doubled letters are written single in Russian and by many clerks "
         "(Məmmədov/Mamedov, Hassan/Hasan, Abbas/Abas); the h of a digraph followed by an "
         "h is two sounds (شهلا Shahla)", ("Mammadov", "Mamadov")),
    Rule(r"(?<=i)y(?=[aeiou])", "",
         "iy before a vowel is how Azerbaijani and English write what Russian "
         "writes и + vowel (Əliyev/Алиев, Mariya/Maria, Niyazi/Ниязи)",
         ("Aliyev", "Aliev", "Алиев")),
    Rule(r"(?<=[aeiou])y(?=[ei])", "",
         "y between a vowel and e or i is a glide Russian does not write "
         "(Musayev/Мусаев, Hüseyin/Husein)", ("Musayev", "Musaev")),
    Rule(r"(?<=[aeiou])y(?![aeiou])", "i",
         "y after a vowel, before a consonant or at the end, is written i in Russian "
         "and German-style spellings (Heydar/Geidar, Sergey/Sergei, Aysel/Aisel)",
         ("Huseynov", "Guseinov")),
    Rule(r"(?<=[b-df-hj-np-tv-xz])y(?=[aeiou])", "i",
         "y after a consonant before a vowel is i in the other spelling "
         "(Petrosyan/Petrosian, Natalya/Natalia, Ilyas/Ilias)", ("Petrosyan", "Petrosian")),
    Rule(r"(?<=[^aeiou])y(?![aeiou])", "i",
         "y between consonants is Russian ы or Turkic ı, written i in passports "
         "(Садыхов/Sadigov)", ("Sadykhov", "Sadikhov")),
    Rule(r"([aeiou])\1+", r"\1",
         "the glide rules can leave a doubled vowel (Georgiy -> georgii)", ("Georgiy", "Georgi")),
)  # fmt: skip

SOUND_RULES: tuple[Rule, ...] = (
    Rule(r"(?<=[b-z])v(?=[^aeiou])|(?<=[^aeiou])v$", "",
         "Arabic و before a consonant is the vowel u or o (موسوی Mousavi, نوری Nouri, "
         "داریوش Dariush) unless it follows alef (سیاوش Siavash); a Latin v is almost always "
         "followed by a vowel", ("Nouri", "نوری")),
    Rule(r"^[aeiouy]+", "A",
         "the first vowel drifts between scripts (Ebrahim/İbrahim, Əli/Eli, Omar/عمر), "
         "and an initial y is a glide (Yelena/Elena, Yusif/Iosif, یوسف/Yousef)",
         ("Ebrahim", "Ibrahim")),
    Rule(r"d$", "t", "final devoicing in Turkish spellings (Ahmed/Ahmet, Mehmed/Mehmet)",
         ("Ahmed", "Ahmet")),
    Rule(r"b$", "p", "final devoicing in Turkish spellings (Rəcəb/Recep)", ("Rajab", "Recep")),
    Rule(r"(?<=..)h$", "",
         "a final h is often not written (Abdullah/Abdulla, Fatemeh/Fatimə), and a final "
         "Persian ه is a vowel (فاطمه Fatemeh)", ("Abdullah", "Abdulla")),
    Rule(r"shch", "s", "Щ is one sound written shch, close to ш (Щукин)", ("Shchukin",)),
    Rule(r"sh", "s",
         "machine-readable zones and foreign keyboards drop the cedilla (Şahin/SAHIN)",
         ("Rashad", "Rasad")),
    Rule(r"ch|zh|j", "J",
         "the affricates ç, c, j, ж meet in transliteration (Çelik/CELIK read as c, "
         "Жанар/Janar)", ("Elchin", "Elcin")),
    Rule(r"kh|[ghkqx]", "K",
         "Russian writes Azerbaijani h as г or х and q as к (Həsənov/Гасанов, Əhməd/"
         "Ахмед, Quliyev/Кулиев)", ("Hasanov", "Gasanov", "Kuliev")),
    Rule(r"[aeiouy]", "",
         "vowels and the glide y are not written in Persian and drift between scripts "
         "elsewhere",
         ("Mohammadi", "محمدی")),
    Rule(r"(.)\1+", r"\1", "a consonant repeated once vowels are gone is one sound",
         ("Mammadov", "Mamedov")),
)  # fmt: skip

_SPELLING = tuple((rule.compiled(), rule.replacement) for rule in SPELLING_RULES)
_SOUND = tuple((rule.compiled(), rule.replacement) for rule in SOUND_RULES)


def apply_rules(token: str, rules: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    for pattern, replacement in rules:
        token = pattern.sub(replacement, token)
    return token


_MAX_PASSES = 4


def spelling_form(plain_token: str) -> str:
    """The canonical spelling of one plain ASCII token. The rules run until nothing
    changes (one rule's output can be another's input: "qh" -> "gh" -> "g"), so that the
    canonical form of a canonical token is itself."""
    token = plain_token
    for _ in range(_MAX_PASSES):
        folded = apply_rules(token, _SPELLING)
        if folded == token:
            break
        token = folded
    return token


def sound_form(canonical_token: str) -> str:
    """The sound key of one canonical token (uppercase letters mark merged classes)."""
    return apply_rules(canonical_token, _SOUND).lower()
