"""Reading a page's links and forms, and filling a form with ugly values (the fuzz tests)."""

from __future__ import annotations

import random
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "2099-12-31",
    "1900-02-30",
    "0000-00-00",
    "31.12.2020",
    "Иванов Пётр",
    "محمد رضایی",
    "ლაშა",
    "😀👍",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "A\x00B",
    "\x00",
    "\u202egnp.exe",
    "a" * 5000,
    "../../etc/passwd",
    "UMIS-2026-00000000",
    "AAA-BBB-CCC",
    "   spaced   ",
]


class Page(HTMLParser):
    """The links and the forms of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": {},
                "files": set(),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and a.get("name"):
            name = a["name"]
            if tag == "input" and a.get("type") == "file":
                self._form["files"].add(name)
            elif tag == "input" and a.get("type") in ("checkbox", "radio"):
                self._form["fields"].setdefault(name, []).append(a.get("value", "on"))
            else:
                self._form["fields"].setdefault(name, []).append(a.get("value", ""))
            if tag == "select":
                self._select = name
        elif tag == "option" and self._form is not None and self._select:
            self._form["fields"][self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def junk(form: dict, rng: random.Random) -> dict:
    """The form's own values, each field replaced by a nasty one with a chance of 3 in 5."""
    data: dict = {}
    for name, values in form["fields"].items():
        if name == "csrfmiddlewaretoken":
            continue
        data[name] = rng.choice(NASTY) if rng.random() < 0.6 else rng.choice(values or [""])
    for name in form["files"]:
        content = rng.choice([b"", b"%PDF-1.4 not really", b"\x89PNG\r\n\x1a\n" + b"0" * 100])
        data[name] = SimpleUploadedFile(rng.choice(["a.pdf", "скан.png", "x.exe"]), content)
    return data
