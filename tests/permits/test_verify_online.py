"""The verifier's online line: the register's status now, limited and audited."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError
from django.test import Client

from umis.audit.models import AuditEntry
from umis.permits import verify_online
from umis.permits.payload import sign_permit_payload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _during(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 9, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
def register(monkeypatch):
    """The register's answers by permit number (the selector is the other side's test)."""

    class Register(dict):
        asked: list[str]

    statuses = Register()
    statuses.asked = []

    def status(number: str) -> str | None:
        statuses.asked.append(number)
        return statuses.get(number)

    monkeypatch.setattr(verify_online, "permit_public_status", status)
    return statuses


def _page(client, code):
    return html.unescape(client.post("/verify/", {"code": code}).content.decode())


@pytest.mark.parametrize(
    ("status", "line"),
    [
        ("active", "The Service's register shows this permit as active."),
        ("revoked", "this permit has since been revoked. Do not accept it."),
        ("cancelled", "this permit has since been cancelled. Do not accept it."),
        ("replaced", "replaced by a new one. Do not accept it: ask for the new permit."),
        (None, "The Service's register has no permit with this number."),
    ],
)
def test_the_online_line_says_what_the_register_says_now(
    client, register, signing_key, claims, status, line
):
    if status:
        register[claims.number] = status
    page = _page(client, sign_permit_payload(claims))
    assert "Valid: this permit was issued" in page  # the offline result stands
    assert "Online:" in page and line in page
    tone = "success" if status == "active" else "error"
    assert f"usa-alert--{tone} margin-bottom-3 umis-online" in page


def test_an_altered_code_is_not_looked_up(client, register, signing_key, claims):
    text = sign_permit_payload(claims)
    altered = text[:100] + ("A" if text[100] != "A" else "B") + text[101:]
    page = _page(client, altered)
    assert "Online:" not in page and register.asked == []
    assert not AuditEntry.objects.filter(action="permit.verify_online").exists()


def test_every_online_check_is_audited_with_the_number_only(client, register, signing_key, claims):
    register[claims.number] = "revoked"
    _page(client, sign_permit_payload(claims))
    entry = AuditEntry.objects.get(action="permit.verify_online")
    assert entry.target_type == "permit" and entry.target_id == claims.number
    assert entry.details == {"result": "revoked"} and entry.outcome == "success"
    everything = json.dumps(
        {f.name: str(getattr(entry, f.name)) for f in entry._meta.fields}, ensure_ascii=False
    )
    for personal in ("MAMMADOV", "ALI", "1988"):
        assert personal not in everything


def test_online_checks_are_limited_per_address(register, signing_key, claims, settings):
    settings.UMIS_PERMIT_VERIFY_CHECKS_PER_ADDRESS = 2
    text = sign_permit_payload(claims)
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(2):
        assert "Not checked online" not in _page(client, text)
    page = _page(client, text)
    assert "Valid: this permit was issued" in page  # the offline answer is still given
    assert "Not checked online: too many checks from your connection." in page
    assert AuditEntry.objects.filter(action="permit.verify_online", outcome="denied").exists()
    # Another address is not held back.
    other = _page(Client(REMOTE_ADDR="10.0.0.8"), text)
    assert "Not checked online" not in other


def test_a_register_that_cannot_be_read_leaves_the_offline_answer(
    client, monkeypatch, signing_key, claims
):
    def broken(number):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(verify_online, "permit_public_status", broken)
    page = _page(client, sign_permit_payload(claims))
    assert "Valid: this permit was issued" in page
    assert "Not checked online: the register cannot be reached just now." in page


def test_the_api_gives_the_online_line(client, register, signing_key, claims):
    register[claims.number] = "revoked"
    body = client.post(
        "/api/v1/verify",
        json.dumps({"code": sign_permit_payload(claims)}),
        content_type="application/json",
    ).json()
    assert body["outcome"] == "valid"
    assert body["online"]["checked"] is True and body["online"]["status"] == "revoked"
    assert "revoked" in body["online"]["message"]
    malformed = client.post(
        "/api/v1/verify", json.dumps({"code": "HC1:X"}), content_type="application/json"
    ).json()
    assert malformed["online"] is None


def test_the_api_checks_the_signature_alone_when_asked(client, register, signing_key, claims):
    before = AuditEntry.objects.count()
    body = client.post(
        "/api/v1/verify",
        json.dumps({"code": sign_permit_payload(claims), "online": False}),
        content_type="application/json",
    ).json()
    assert body["outcome"] == "valid" and body["permit"]["number"] == claims.number
    assert body["online"] is None
    # No look-up in the register, and so nothing recorded about the check.
    assert register.asked == []
    assert AuditEntry.objects.count() == before


def test_an_issued_permit_verifies_and_its_revocation_shows_online(
    client, signing_key, trp_permit, staff, monkeypatch
):
    from django.utils import timezone

    from umis.permits.qr import permit_qr_text
    from umis.permits.services import permit_revoke

    moment = timezone.make_aware(datetime.combine(trp_permit.valid_from, datetime.min.time()))
    monkeypatch.setattr(timezone, "now", lambda: moment.replace(hour=12))
    text = permit_qr_text(trp_permit)
    page = _page(client, text)
    assert "Valid: this permit was issued" in page and trp_permit.number in page
    assert trp_permit.holder.surname_latin in page
    assert "The Service's register shows this permit as active." in page
    permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="expulsion")
    page = _page(client, text)
    assert "Valid: this permit was issued" in page  # the code itself is still genuine
    assert "this permit has since been revoked. Do not accept it." in page
