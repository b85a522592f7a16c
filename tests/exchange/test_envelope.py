"""The envelope: canonical form, headers both ways, and the simulators' check of requests."""

from __future__ import annotations

import dataclasses

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client

from umis.exchange.envelope import (
    MalformedEnvelope,
    RequestEnvelope,
    canonical_json,
    sha256_hex,
    sign,
    timestamp_now,
    verifies,
)
from umis.exchange.members import member_of, own_keyring, own_member

BODY = canonical_json({"document_number": "P12345678", "birth_date": "1988-04-17"})


def envelope(**changes) -> RequestEnvelope:
    values = {
        "message_id": "0b7f3c1e-2f9a-4a55-9a43-1f0e8f3b8a10",
        "client": "AZ/GOV/DMX/umis",
        "service": "AZ/GOV/DMX/entry-exit",
        "operation": "crossings/search",
        "user_id": "Leyla Əliyeva",
        "issue": "UMIS-2026-TEST0001",
        "purpose": "application-check",
        "timestamp": "2026-11-30T10:00:00.000000Z",
        "body_hash": sha256_hex(BODY),
        "key_id": "k1",
    }
    return RequestEnvelope(**{**values, **changes})


def test_the_canonical_form_is_stable_and_covers_every_field():
    base = envelope()
    assert base.canonical() == envelope().canonical()
    for field in dataclasses.fields(RequestEnvelope):
        changed = dataclasses.replace(base, **{field.name: getattr(base, field.name) + "x"})
        assert changed.canonical() != base.canonical(), field.name


def test_headers_carry_the_envelope_there_and_back_in_any_script():
    key = Ed25519PrivateKey.generate()
    sent = envelope()
    signature = sign(key, sent.canonical())
    headers = {k.lower(): v for k, v in sent.headers(signature).items()}
    assert all(value.isascii() for value in headers.values())
    assert headers["x-road-client"] == "AZ/GOV/DMX/umis"
    received, got = RequestEnvelope.from_headers(headers, body=BODY)
    assert received == sent and got == signature
    assert verifies(key.public_key(), received.canonical(), got)
    assert not verifies(key.public_key(), received.canonical(), "not base64!")


@pytest.mark.parametrize(
    "broken",
    [
        {"x-road-id": ""},
        {"x-road-service": "AZ/GOV/DMX"},
        {"x-road-userid": "%FF%FE"},
    ],
)
def test_a_malformed_envelope_is_named(broken):
    sent = envelope()
    headers = {k.lower(): v for k, v in sent.headers("c2ln").items()}
    headers.update(broken)
    with pytest.raises(MalformedEnvelope):
        RequestEnvelope.from_headers(headers, body=BODY)


@pytest.mark.django_db
class TestTheSimulatorsCheckTheRequest:
    def post(self, headers):
        return Client().post(
            "/simulators/border/crossings/search",
            BODY,
            content_type="application/json",
            headers=headers,
        )

    def signed(self, key=None, **changes):
        kid, own = own_keyring().active_key()
        fields = {
            "client": own_member(),
            "service": member_of("border"),
            "timestamp": timestamp_now(),
            "key_id": kid,
        }
        sent = envelope(**{**fields, **changes})
        return sent.headers(sign(key or own, sent.canonical()))

    def test_a_signed_request_is_answered(self):
        assert self.post(self.signed()).status_code == 200

    def test_an_unsigned_request_is_refused(self):
        assert self.post({}).status_code == 400

    def test_a_request_with_a_bad_signature_is_refused(self):
        response = self.post(self.signed(key=Ed25519PrivateKey.generate()))
        assert response.status_code == 401
        assert "signature" in response.json()["error"]

    def test_a_request_for_another_member_is_refused(self):
        assert self.post(self.signed(service=member_of("health"))).status_code == 401

    def test_a_stale_request_is_refused(self):
        response = self.post(self.signed(timestamp="2020-01-01T00:00:00.000000Z"))
        assert response.status_code == 401
