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
from io import StringIO
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from tests.conftest import sign_in_with_second_factor
from tests.page_forms import junk, parse

pytestmark = pytest.mark.django_db

PAGES_PER_ROLE = 120
VARIANTS_PER_FORM = 4
# Never followed: they end the session or only switch the language.
SKIPPED = ("/account/sign-out/", "/office/logout/", "/i18n/")


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
        page = parse(response.content.decode())
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
                data = junk(form, rng)
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
        if start == "/office/":  # staff: the office wants the second factor
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
        page = parse(client.get(url).content.decode())
        # The step's own form (the page also carries the header's sign-out form).
        forms = [form for form in page.forms if urljoin(url, form["action"]) == url]
        assert forms, url
        for form in forms:
            for _ in range(VARIANTS_PER_FORM * 3):
                sent = client.post(url, junk(form, rng))
                if sent.status_code >= 500:
                    faults.append((url, sent.status_code))
        # The page's right answers again, so that the next page opens.
        client.post(url, {name: data[name] for name in step.fields})
    check = client.post(f"/apply/{application.number}/check/")
    assert check.status_code < 500
    assert faults == []
