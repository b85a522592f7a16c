"""The public shell: home page, language switch, and the structure every page shares."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.portal.a11y import accessibility_problems

pytestmark = pytest.mark.django_db

LANGUAGES = ["az", "ru", "en"]


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["/", "/office/login/"])
def test_public_pages_render_in_every_language(client, language, path):
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert accessibility_problems(html) == []


def test_home_describes_the_service_and_offers_only_what_exists(client):
    html = client.get("/").content.decode()
    assert "<h1>State Migration Service</h1>" in html
    assert "residence permits" in html
    assert 'href="/office/login/"' in html  # the staff sign-in, in the footer
    # No US government banner or flag from the design system's defaults.
    assert "United States" not in html and "us_flag" not in html
    assert "Official website of the State Migration Service" in html


def test_language_switch_changes_the_page_language(client):
    page = client.get("/")
    assert '<html lang="en">' in page.content.decode()
    html = page.content.decode()
    # Each language is offered in its own name, as a button of a plain POST form.
    for code, name in [("az", "Azərbaycanca"), ("ru", "Русский"), ("en", "English")]:
        assert f'name="language" value="{code}" lang="{code}"' in html
        assert f">{name}</button>" in html
    assert 'action="/i18n/setlang/"' in html

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/office/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/office/login/"

    html = client.get("/office/login/").content.decode()
    assert '<html lang="ru">' in html
    password_in_russian = _in("ru", "Password")
    assert password_in_russian != "Password"
    assert f">{password_in_russian}</label>" in html
    assert 'aria-current="true">Русский</button>' in html


def test_language_switch_returns_to_the_page_it_was_used_on(client):
    html = client.get("/office/login/?next=/office/").content.decode()
    assert 'name="next" value="/office/login/?next=/office/"' in html


def test_language_switch_refuses_to_redirect_off_site(client):
    response = client.post(
        "/i18n/setlang/", {"language": "az", "next": "https://evil.example/"}, HTTP_REFERER=""
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_pages_load_the_design_system_without_a_build_step(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/uswds/css/uswds.min.css" in html
    assert "/static/umis/umis.css" in html
    assert 'src="/static/vendor/htmx/htmx.min.js" defer' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_locked_out_page_renders_in_every_language(client, staff_user_factory, language):
    user = staff_user_factory(username="zaur.tester")
    client.cookies["django_language"] = language
    for _ in range(5):
        response = client.post("/office/login/", {"username": user.username, "password": "x"})
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert accessibility_problems(html) == []
    assert "zaur.tester" not in html  # the page does not confirm which account exists
