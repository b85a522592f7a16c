"""Error pages are ours, translated, and never a traceback."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_unknown_address_gets_a_translated_404_page(client, language):
    client.cookies["django_language"] = language
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "usa-link" in html  # our layout, with a way home
    assert "Traceback" not in html


@pytest.mark.django_db
def test_expired_form_gets_our_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/office/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()


@pytest.mark.django_db
def test_server_fault_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
