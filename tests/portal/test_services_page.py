"""The list of services on the portal, in the reader's language and plain words."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.portal.a11y import accessibility_problems
from umis.eservices import registry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_every_service_is_listed_with_a_start_button(client, language):
    client.cookies["django_language"] = language
    html = client.get("/services/").content.decode()
    assert accessibility_problems(html) == []
    with translation.override(language):
        for service in registry.all_services():
            assert str(service.name) in html
            assert f'href="/apply/{service.code}/"' in html


def test_fee_and_deadline_are_said_in_plain_words(client):
    html = client.get("/services/").content.decode()
    assert "Free of charge" in html
    assert "From 30 manat to 480 manat" in html
    assert "within 1 working day after accepting your application" in html
    assert "within 15 working days to 20 working days" in html
    assert "trp-issue.fee" not in html  # no internal codes
