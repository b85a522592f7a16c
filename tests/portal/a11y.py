"""A structural accessibility check of a rendered page, without a browser.

It does not replace axe in a real browser; it catches the mistakes a template can make:
no language, no skip link, several or no h1, skipped heading levels, inputs nobody can
name, buttons without text, missing landmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"input", "img", "br", "hr", "meta", "link", "source", "area", "col", "wbr"}
_UNLABELLED_OK = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.headings: list[tuple[int, str]] = []
        self.inputs: list[dict[str, str]] = []
        self.buttons: list[_Element] = []
        self.landmarks: list[str] = []
        self.links: list[dict[str, str]] = []
        self.first_link: dict[str, str] | None = None
        self._open: list[_Element] = []

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {k: (v or "") for k, v in attrs_list}
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag in {"input", "select", "textarea"}:
            self.inputs.append({"tag": tag, **attrs})
        if tag in {"header", "main", "footer", "nav"}:
            self.landmarks.append(tag)
        if tag == "a":
            self.links.append(attrs)
            if self.first_link is None:
                self.first_link = attrs
        if tag == "img" and self._open:
            self._open[-1].text.append(attrs.get("alt", ""))  # an image names its button
        if tag not in _VOID:
            self._open.append(_Element(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                element = self._open.pop(index)
                text = " ".join("".join(element.text).split())
                if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                    self.headings.append((int(tag[1]), text))
                if tag == "button":
                    element.text = [text]
                    self.buttons.append(element)
                if self._open:
                    self._open[-1].text.append(" " + "".join(element.text) + " ")
                break

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].text.append(data)


def accessibility_problems(html: str) -> list[str]:
    """Every structural problem found; an empty list means the page passed."""
    page = _PageParser()
    page.feed(html)
    problems = []
    if not page.html_lang:
        problems.append("<html> has no lang attribute")
    first = page.first_link or {}
    if first.get("href") != "#main-content" or "main-content" not in page.ids:
        problems.append("the first link is not a skip link to #main-content")
    h1_count = sum(1 for level, _ in page.headings if level == 1)
    if h1_count != 1:
        problems.append(f"expected one h1, found {h1_count}")
    previous = 0
    for level, text in page.headings:
        if level > previous + 1 and previous != 0:
            problems.append(f"heading level jumps from h{previous} to h{level} ({text!r})")
        if not text:
            problems.append(f"empty h{level}")
        previous = level
    for control in page.inputs:
        if control.get("type", "text") in _UNLABELLED_OK:
            continue
        named = control.get("id") in page.label_for or control.get("aria-label")
        if not named:
            problems.append(f"{control['tag']} {control.get('name')!r} has no label")
    for button in page.buttons:
        if not "".join(button.text).strip() and not button.attrs.get("aria-label"):
            problems.append("a button has no text")
    for landmark in ("header", "main", "footer"):
        if landmark not in page.landmarks:
            problems.append(f"no <{landmark}> landmark")
    if page.landmarks.count("main") > 1:
        problems.append("more than one <main>")
    return problems
