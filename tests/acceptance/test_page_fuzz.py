"""Every page a role can reach from its home, and every form on it, with ugly input: the
answer is never a server error.

The demo's own data (``seed_demo``: users for every role, persons, an issued permit) is
crawled link by link as each role; every form found is sent back with its fields filled
from a list of nasty values (Cyrillic and Arabic script, NUL characters, 5,000 characters,
impossible dates, numbers past any integer, markup). The values are chosen by a seeded
generator, so every run sends the same requests.
"""

from __future__ import annotations

import random
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from tests.conftest import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

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
PAGES_PER_ROLE = 120
VARIANTS_PER_FORM = 4
# Never followed: they end the session or only switch the language.
SKIPPED = ("/account/sign-out/", "/office/logout/", "/i18n/")


class _Page(HTMLParser):
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


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _junk(form: dict, rng: random.Random) -> dict:
    """The form's own values, with some fields (at least one) replaced by nasty ones."""
    data: dict = {}
    for name, values in form["fields"].items():
        if name == "csrfmiddlewaretoken":
            continue
        data[name] = rng.choice(NASTY) if rng.random() < 0.6 else rng.choice(values or [""])
    for name in form["files"]:
        content = rng.choice([b"", b"%PDF-1.4 not really", b"\x89PNG\r\n\x1a\n" + b"0" * 100])
        data[name] = SimpleUploadedFile(rng.choice(["a.pdf", "скан.png", "x.exe"]), content)
    return data


def _crawl(client: Client, start: str, allowed: tuple[str, ...], rng: random.Random) -> list:
    faults = []
    seen: set[str] = set()
    queue = deque([start])
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            faults.append(("GET", url, None))
            continue
        if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        page = _parse(response.content.decode())
        for href in page.links:
            target = urldefrag(urljoin(url, href))[0]
            path = urlsplit(target)
            if path.netloc not in ("", "testserver") or not path.path.startswith(allowed):
                continue
            if not path.path.startswith(SKIPPED) and target not in seen:
                queue.append(path.path + (f"?{path.query}" if path.query else ""))
        for form in page.forms:
            action = urljoin(url, form["action"]) or url
            if urlsplit(action).path.startswith(SKIPPED):
                continue
            for _ in range(VARIANTS_PER_FORM):
                data = _junk(form, rng)
                if form["method"] == "post":
                    sent = client.post(action, data)
                else:
                    sent = client.get(action, {k: v for k, v in data.items() if isinstance(v, str)})
                if sent.status_code >= 500:
                    faults.append((form["method"].upper(), action, data))
                elif sent.status_code in (301, 302, 303) and sent.get("Location"):
                    # Where the form led (the next step of an application, a new page).
                    queue.append(urljoin(action, sent["Location"]))
    return faults


ROLES = {
    # role: (demo user or None, start page, where the crawl may go)
    "public": (None, "/", ("/",)),
    "applicant": ("applicant", "/", ("/",)),
    "host": ("host", "/", ("/",)),
    "reception": ("reception", "/office/", ("/office/",)),
    "officer": ("officer", "/office/", ("/office/",)),
    "head": ("head", "/office/", ("/office/",)),
    "hq": ("hq", "/office/", ("/office/",)),
    "auditor": ("auditor", "/office/", ("/office/",)),
}


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_and_no_form_gets_a_server_error(role):
    from umis.accounts.models import User

    call_command("seed_demo", persons=12, stdout=StringIO())
    username, start, allowed = ROLES[role]
    client = Client(raise_request_exception=False)
    if username is not None:
        user = User.objects.get(username=username)
        if user.is_staff_member if hasattr(user, "is_staff_member") else start == "/office/":
            sign_in_with_second_factor(user, client)
        else:
            client.force_login(user)
    faults = _crawl(client, start, allowed, random.Random(f"page-fuzz-{role}"))
    assert faults == []


@pytest.mark.parametrize("service", ["stay-registration", "trp-issue"])
def test_every_step_of_an_application_takes_ugly_input_without_a_fault(service):
    """Each page of a draft filled correctly, then sent back with ugly answers: the crawl
    alone stops at the first page, whose ugly answers never let it go further."""
    from tests.eservices.form_data import stay_registration_data, trp_issue_data
    from tests.portal.journey import fill_all, start
    from umis.accounts.models import User
    from umis.eservices import registry

    call_command("seed_demo", persons=4, stdout=StringIO())
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="applicant"))
    application, _first = start(client, service)
    data = stay_registration_data() if service == "stay-registration" else trp_issue_data()
    fill_all(client, application, data)
    rng = random.Random(f"steps-{service}")
    faults = []
    for step in registry.get(service).form.form_steps():
        url = f"/apply/{application.number}/{step.slug}/"
        page = _parse(client.get(url).content.decode())
        # The step's own form (the page also carries the header's sign-out form).
        forms = [form for form in page.forms if urljoin(url, form["action"]) == url]
        assert forms, url
        for form in forms:
            for _ in range(VARIANTS_PER_FORM * 3):
                sent = client.post(url, _junk(form, rng))
                if sent.status_code >= 500:
                    faults.append((url, sent.status_code))
        # The page's right answers again, so that the next page opens.
        client.post(url, {name: data[name] for name in step.fields})
    check = client.post(f"/apply/{application.number}/check/")
    assert check.status_code < 500
    assert faults == []
