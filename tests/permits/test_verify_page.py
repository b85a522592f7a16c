"""The public verifier page, the API and the published keys."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from tests.portal.a11y import accessibility_problems
from umis.permits.payload import sign_permit_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def now_during(monkeypatch):
    """Today is inside the test permit's validity."""
    from django.utils import timezone

    moment = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def _flip(text: str) -> str:
    middle = len(text) // 2
    return text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1 :]


def test_the_page_asks_for_the_code_without_an_account(client):
    response = client.get("/verify/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' in html and "verify-scan.js" in html
    assert accessibility_problems(html) == []
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_genuine_code_shows_valid_and_what_the_permit_says(
    client, signing_key, claims, now_during
):
    response = client.post("/verify/", {"code": sign_permit_payload(claims)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valid: this permit was issued by the State Migration Service" in html
    assert "TRP-2026-000123" in html and "MAMMADOV" in html and "ALI RZA" in html
    assert "Temporary residence permit" in html
    assert date_format(date(2027, 4, 30), "DATE_FORMAT") in html
    assert 'id="id_code">\n</textarea>' in html  # the field is empty for the next code
    assert accessibility_problems(html) == []


def test_an_altered_code_is_not_valid_and_shows_nothing_of_the_permit(
    client, signing_key, claims, now_during
):
    altered = _flip(sign_permit_payload(claims))
    html = client.post("/verify/", {"code": altered}).content.decode()
    assert "Not valid: do not accept this permit." in html
    assert "MAMMADOV" not in html


def test_an_expired_permit_says_so_with_its_last_day(client, signing_key, claims, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2027, 6, 1, tzinfo=UTC))
    html = client.post("/verify/", {"code": sign_permit_payload(claims)}).content.decode()
    last_day = date_format(date(2027, 4, 30), "DATE_FORMAT")
    assert f"Expired: this permit is genuine, but it was valid only until {last_day}." in html


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "Enter the permit code, or scan the QR code."),
        ("HC1:6BFOXN", "This is not a permit code of the State Migration Service"),
        ("UMIS1:abc", "This text has characters that a permit code never has."),
        ("UMIS1:NCFOXN%TSMAHO", "This permit code is incomplete: part of it is missing."),
    ],
)
def test_text_that_is_not_a_code_is_named_beside_the_field_and_kept(client, payload, message):
    response = client.post("/verify/", {"code": payload})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_code_error"' in html and message in html
    assert 'href="#id_code"' in html  # the error summary links to the field
    if payload:
        assert f"\n{payload}</textarea>" in html
    assert html.count(message) == 2  # in the summary and beside the field
    assert accessibility_problems(html) == []


def test_an_enormous_post_is_refused_beside_the_field(client):
    html = client.post("/verify/", {"code": "UMIS1:" + "A" * 10_000}).content.decode()
    assert "This text is longer than any permit code can be." in html


@pytest.mark.parametrize("language", ["az", "ru"])
def test_the_page_and_its_answers_are_translated(client, signing_key, claims, now_during, language):
    client.cookies["django_language"] = language
    page = client.get("/verify/").content.decode()
    altered = client.post("/verify/", {"code": _flip(sign_permit_payload(claims))})
    valid = client.post("/verify/", {"code": sign_permit_payload(claims)})
    malformed = client.post("/verify/", {"code": "HC1:X"})
    with translation.override(language):
        title = translation.gettext("Verify a permit")
        invalid_text = translation.gettext("Not valid: do not accept this permit.")
        valid_text = translation.gettext(
            "Valid: this permit was issued by the State Migration Service and is in force."
        )
        not_ours = translation.gettext(
            "This is not a permit code of the State Migration Service: those start with UMIS1:."
        )
    assert title != "Verify a permit" and title in page
    assert invalid_text != "Not valid: do not accept this permit."
    assert invalid_text in altered.content.decode()
    assert valid_text in valid.content.decode()
    assert not_ours in malformed.content.decode()


# --- The API ---------------------------------------------------------------------------------


def _api(client, payload):
    return client.post(
        "/api/v1/verify", json.dumps({"code": payload}), content_type="application/json"
    )


def test_the_api_gives_the_same_outcome(client, signing_key, claims, now_during):
    text = sign_permit_payload(claims)
    valid = _api(client, text)
    assert valid.status_code == 200
    body = valid.json()
    assert body["outcome"] == "valid" and body["reason"] == "" and body["key_id"] == signing_key[0]
    assert body["permit"]["number"] == "TRP-2026-000123"
    assert body["permit"]["valid_to"] == "2027-04-30" and body["permit"]["type"] == "trp"

    altered = _api(client, _flip(text)).json()
    assert altered["outcome"] == "invalid" and altered["permit"] is None
    assert altered["message"] == "Not valid: do not accept this permit."

    malformed = _api(client, "HC1:X").json()
    assert (malformed["outcome"], malformed["reason"]) == ("malformed", "not_ours")


def test_the_api_names_a_missing_payload(client):
    response = client.post("/api/v1/verify", "{}", content_type="application/json")
    assert response.status_code == 422
    assert "code" in response.json()["error"]["fields"]


def test_the_api_answers_in_the_language_asked(client, signing_key, claims, now_during):
    response = client.post(
        "/api/v1/verify",
        json.dumps({"code": _flip(sign_permit_payload(claims))}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    with translation.override("ru"):
        expected = translation.gettext("Not valid: do not accept this permit.")
    assert response.json()["message"] == expected


# --- The published keys ----------------------------------------------------------------------


def test_the_jwks_is_published_and_cacheable(client, signing_key):
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    keys = response.json()["keys"]
    assert [key["kid"] for key in keys] == [signing_key[0]]
    again = client.get("/.well-known/jwks.json", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.post("/.well-known/jwks.json").status_code == 405


def test_a_birth_date_known_to_the_month_is_written_so(client, signing_key, claims, now_during):
    partial = claims.__class__(**{**claims.__dict__, "birth_date": "1975-03"})
    html = client.post("/verify/", {"code": sign_permit_payload(partial)}).content.decode()
    assert "March 1975" in html
