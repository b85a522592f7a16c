"""Every text a person reads ships in Azerbaijani, Russian and English.

The catalogues are read with the standard library only, so that these checks run on a
machine without GNU gettext (the compiled .mo files are committed for that reason too).
"""

from __future__ import annotations

import ast
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["az", "ru"]  # English falls back to the msgid, except for plurals
ALL = ["az", "ru", "en"]
NPLURALS = {"az": 2, "ru": 3, "en": 2}
FIX = "run makemessages, translate the new strings into az and ru, then compilemessages"


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The key gettext uses in a compiled catalogue ("context\\x04msgid")."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def _unquote(text: str) -> str:
    return ast.literal_eval(text)  # a PO string is a C-escaped double-quoted literal


def parse_po(path: Path) -> tuple[Entry, list[Entry]]:
    """(header entry, message entries) of a .po file; obsolete (#~) entries are skipped."""
    entries: list[Entry] = []
    current: Entry | None = None
    flags: set[str] = set()
    target = ("msgid", 0)  # the field that continuation lines ("...") extend

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip() or line.startswith("#"):
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif not line.strip() and current is not None:
                entries.append(current)
                current = None
            continue
        if line.startswith('"'):
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += _unquote(line)
            else:
                setattr(current, name, getattr(current, name) + _unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        starts_entry = keyword == "msgctxt" or (keyword == "msgid" and current and current.msgstr)
        if current is not None and starts_entry:
            entries.append(current)
            current = None
        if current is None:
            current = Entry(msgid="", flags=flags)
            flags = set()
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            current.msgstr[index] = _unquote(rest)
            target = ("msgstr", index)
        else:
            setattr(current, keyword, _unquote(rest))
            target = (keyword, 0)
    header = next(entry for entry in entries if entry.msgid == "" and entry.msgctxt is None)
    return header, [entry for entry in entries if entry is not header]


def parse_mo(path: Path) -> dict[str, str]:
    """Original → translation of a compiled catalogue, as GNU gettext writes it."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic == 0x950412DE else ">"
    _, count, originals, translations = struct.unpack(endian + "4I", data[4:20])
    catalogue = {}
    for i in range(count):
        o_len, o_off = struct.unpack(endian + "2I", data[originals + 8 * i : originals + 8 * i + 8])
        t_len, t_off = struct.unpack(
            endian + "2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        original = data[o_off : o_off + o_len].decode("utf-8")
        catalogue[original] = data[t_off : t_off + t_len].decode("utf-8")
    return catalogue


def _catalogue(language: str) -> tuple[Entry, list[Entry]]:
    return parse_po(LOCALE / language / "LC_MESSAGES" / "django.po")


def _forms(entry: Entry) -> list[str]:
    return [entry.msgstr.get(i, "") for i in range(max(entry.msgstr, default=-1) + 1)]


# printf-style placeholders, named and positional, and str.format fields
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"
)
TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


# --- what the code asks to translate -------------------------------------------------------
GETTEXT_FUNCTIONS = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}
_LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
# templatize() turns {% translate %}, {% blocktranslate %} and _("...") into these calls
TEMPLATIZED_CALL = re.compile(rf"(?<![\w.])(_|n?p?gettext)\(({_LITERAL}(?:\s*,\s*{_LITERAL})*)")


def _source_strings() -> set[tuple[str | None, str]]:
    """(context, msgid) of every literal the code and the templates mark for translation."""
    found: set[tuple[str | None, str]] = set()
    base = Path(settings.BASE_DIR)
    for path in [*base.joinpath("umis").rglob("*.py"), *base.joinpath("config").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in GETTEXT_FUNCTIONS or len(node.args) <= GETTEXT_FUNCTIONS[name]:
                continue
            args = node.args
            msgid = args[GETTEXT_FUNCTIONS[name]]
            if isinstance(msgid, ast.Constant) and isinstance(msgid.value, str):
                context = args[0].value if GETTEXT_FUNCTIONS[name] else None
                found.add((context, msgid.value))
    templates = [*base.joinpath("templates").rglob("*.html")]
    templates += [*base.joinpath("umis").glob("*/templates/**/*.html")]
    for path in templates:
        for match in TEMPLATIZED_CALL.finditer(templatize(path.read_text(encoding="utf-8"))):
            literals = [ast.literal_eval(s) for s in re.findall(_LITERAL, match[2])]
            if match[1].startswith(("pgettext", "npgettext")):
                found.add((literals[0], literals[1]))
            else:
                found.add((None, literals[0]))
    return found


# --- the catalogues --------------------------------------------------------------------------
@pytest.mark.parametrize("language", ALL)
def test_catalogue_header_declares_the_language_and_its_plural_forms(language):
    header, _ = _catalogue(language)
    meta = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    assert meta["Language"] == language
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"].startswith(f"nplurals={NPLURALS[language]};")
    assert "fuzzy" not in header.flags


def test_every_marked_text_in_code_and_templates_is_in_the_catalogues():
    extracted = {(entry.msgctxt, entry.msgid) for entry in _catalogue("az")[1]}
    missing = sorted(m for _, m in _source_strings() - extracted)
    assert missing == [], f"not in the catalogues yet ({FIX}): {missing}"


@pytest.mark.parametrize("language", ALL)
def test_all_languages_carry_the_same_messages(language):
    reference = {entry.key for entry in _catalogue("az")[1]}
    assert {entry.key for entry in _catalogue(language)[1]} == reference


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    untranslated = []
    for entry in _catalogue(language)[1]:
        forms = _forms(entry)
        expected = NPLURALS[language] if entry.msgid_plural else 1
        if len(forms) != expected or not all(form.strip() for form in forms):
            untranslated.append(entry.msgid)
    assert untranslated == [], f"{language}: untranslated ({FIX}): {untranslated}"


def test_english_plurals_have_both_forms():
    for entry in _catalogue("en")[1]:
        if entry.msgid_plural:
            assert _forms(entry) == [entry.msgid, entry.msgid_plural], entry.msgid


@pytest.mark.parametrize("language", ALL)
def test_no_translation_is_left_fuzzy(language):
    fuzzy = [entry.msgid for entry in _catalogue(language)[1] if "fuzzy" in entry.flags]
    assert fuzzy == [], f"{language}: check and unflag these: {fuzzy}"


@pytest.mark.parametrize("language", ALL)
def test_translations_keep_every_placeholder_and_html_tag(language):
    broken = []
    for entry in _catalogue(language)[1]:
        for index, form in enumerate(_forms(entry)):
            if not form:
                continue  # falls back to the msgid
            source = entry.msgid_plural if entry.msgid_plural and index else entry.msgid
            if _placeholders(form) != _placeholders(source):
                broken.append((entry.msgid, form))
            if sorted(TAG.findall(form)) != sorted(TAG.findall(source)):
                broken.append((entry.msgid, form))
    assert broken == []


@pytest.mark.parametrize("language", ALL)
def test_compiled_catalogue_matches_its_source(language):
    """The committed .mo is what compilemessages makes of the committed .po."""
    header, entries = _catalogue(language)
    # msgfmt drops the template's creation date from the compiled header
    expected = {"": re.sub(r"POT-Creation-Date: [^\n]*\n", "", header.msgstr[0])}
    for entry in entries:
        forms = _forms(entry)
        if not all(forms):
            continue  # msgfmt leaves untranslated messages out
        key = entry.key + (f"\x00{entry.msgid_plural}" if entry.msgid_plural else "")
        expected[key] = "\x00".join(forms)
    compiled = parse_mo(LOCALE / language / "LC_MESSAGES" / "django.mo")
    stale = sorted(
        k for k in expected.keys() | compiled.keys() if expected.get(k) != compiled.get(k)
    )
    assert stale == [], f"{language}: .mo out of date, run compilemessages: {stale[:10]}"


# --- what people see --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "heading", "title"),
    [
        ("az", "Dövlət Miqrasiya Xidməti", "Ana səhifə"),
        ("ru", "Государственная миграционная служба", "Главная"),
        ("en", "State Migration Service", "Home"),
    ],
)
@pytest.mark.django_db
def test_home_page_is_shown_in_the_chosen_language(client, language, heading, title):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/").content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{title} – {heading}</title>" in html


@pytest.mark.django_db
def test_browser_language_picks_the_translation(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5").content.decode()
    assert '<html lang="ru">' in html
    assert "<h1>Государственная миграционная служба</h1>" in html
    assert "Официальный сайт Государственной миграционной службы" in html


@pytest.mark.django_db
def test_staff_sign_in_page_speaks_azerbaijani(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "az"
    html = client.get("/office/login/").content.decode()
    assert "Əməkdaşlar üçün giriş" in html
    assert "Staff sign-in" not in html


@pytest.mark.parametrize(
    ("count", "russian"),
    [
        (1, "Повторите попытку через 1 минуту."),
        (3, "Повторите попытку через 3 минуты."),
        (5, "Повторите попытку через 5 минут."),
        (11, "Повторите попытку через 11 минут."),
        (21, "Повторите попытку через 21 минуту."),
        (24, "Повторите попытку через 24 минуты."),
    ],
)
def test_russian_counts_take_the_right_plural_form(count, russian):
    singular, plural = "Try again in %(minutes)s minute.", "Try again in %(minutes)s minutes."
    with translation.override("ru"):
        assert translation.ngettext(singular, plural, count) % {"minutes": count} == russian
    with translation.override("en"):
        text = translation.ngettext(singular, plural, count) % {"minutes": count}
        assert text.endswith("minute." if count == 1 else "minutes.")
