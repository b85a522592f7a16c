"""Pushes other members send to UMIS: judged like answers, refused with a logged reason
(never a 500), answered in UMIS's signed envelope, and re-verifiable in the message log."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from django.utils import timezone

from tests.exchange.pushes import VETTING_URL, signed_push
from umis.exchange.envelope import ResponseEnvelope, verifies
from umis.exchange.log import log_entry_problems
from umis.exchange.log_verify import exchange_log_verify
from umis.exchange.members import member_of, own_keyring
from umis.exchange.models import ExchangeMessage, MessageOutcome

pytestmark = pytest.mark.django_db

BODY = {"ticket": "SV-NOSUCHTICKET", "result": "clear", "decided_on": "2026-11-30"}


def logged():
    return ExchangeMessage.objects.get()


def answer_signed_by_umis(response) -> ResponseEnvelope:
    headers = {k.lower(): v for k, v in response.headers.items()}
    envelope, signature = ResponseEnvelope.from_headers(
        headers, status=response.status_code, body=response.content
    )
    key = own_keyring().verifying[envelope.key_id]
    assert verifies(key, envelope.canonical(), signature)
    return envelope


def test_a_push_without_an_envelope_is_refused_and_logged():
    response = Client().post(VETTING_URL, BODY, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unsigned"
    entry = logged()
    assert entry.inbound and entry.outcome == MessageOutcome.REJECTED
    assert (entry.system, entry.rejection_reason) == ("state-security", "unsigned")


@pytest.mark.parametrize(
    "changes, status, reason",
    [
        ({"signer": Ed25519PrivateKey.generate()}, 401, "bad_signature"),
        ({"client": "AZ/GOV/NOBODY/none"}, 401, "unknown_member"),
        ({"key_id": "nosuchkey"}, 401, "unknown_key"),
        ({"service": "AZ/GOV/SN/certificates"}, 401, "not_ours"),
        ({"operation": "something-else"}, 401, "not_ours"),
        ({"timestamp": "2020-01-01T00:00:00.000000Z"}, 400, "stale"),
    ],
)
def test_an_untrusted_push_is_refused_with_its_reason_logged(changes, status, reason):
    response = signed_push(VETTING_URL, BODY, **changes)

    assert response.status_code == status
    assert response.json()["error"]["code"] == reason
    answer_signed_by_umis(response)
    entry = logged()
    assert (entry.outcome, entry.rejection_reason, entry.http_status) == (
        MessageOutcome.REJECTED,
        reason,
        status,
    )
    # A refused message's id is not kept: a forger cannot use up a real message's id.
    assert entry.message_id is None and entry.inbound


def test_a_member_signing_as_itself_but_not_allowed_to_send_this_is_refused():
    response = signed_push(VETTING_URL, BODY, system="health")

    assert response.status_code == 401
    assert logged().rejection_reason == "wrong_sender"
    assert logged().client_member == member_of("health")


@pytest.mark.parametrize(
    "body",
    [
        {"ticket": "SV-1", "result": "maybe", "decided_on": "2026-11-30"},
        {"ticket": "SV-1", "result": "clear"},
        {**BODY, "name": "an extra field"},
        {"ticket": "../../etc", "result": "clear", "decided_on": "2026-11-30"},
        b"not json at all",
        b"[1, 2]",
    ],
)
def test_an_off_schema_body_is_refused_with_422_never_a_500(body):
    response = signed_push(VETTING_URL, body)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "schema"
    assert logged().rejection_reason == "schema"


def test_a_replayed_message_id_is_refused_and_the_first_entry_kept():
    message_id = str(uuid.uuid4())
    first = signed_push(VETTING_URL, BODY, message_id=message_id)
    again = signed_push(VETTING_URL, BODY, message_id=message_id)

    assert first.status_code == 404  # signed, read, the ticket unknown: refused
    assert first.json() == {"status": "unknown_ticket"}
    assert again.status_code == 409 and again.json()["error"]["code"] == "replayed"
    entries = list(ExchangeMessage.objects.order_by("id"))
    assert [e.outcome for e in entries] == [MessageOutcome.REFUSED, MessageOutcome.REJECTED]
    assert str(entries[0].message_id) == message_id
    assert entries[1].rejection_reason == "replayed"


def test_the_answer_is_bound_to_the_push_it_answers():
    response = signed_push(VETTING_URL, BODY, issue="UMIS-2026-ABCDEFGH")
    envelope = answer_signed_by_umis(response)

    entry = logged()
    assert envelope.message_id == str(entry.message_id)
    assert envelope.status == 404 and entry.reference == "UMIS-2026-ABCDEFGH"


def test_every_push_logged_verifies_and_an_edited_entry_does_not():
    Client().post(VETTING_URL, BODY, content_type="application/json")
    signed_push(VETTING_URL, BODY, signer=Ed25519PrivateKey.generate())
    signed_push(VETTING_URL, BODY)
    signed_push(VETTING_URL, {"ticket": "SV-1"})
    old = (timezone.now() - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    signed_push(VETTING_URL, BODY, timestamp=old)

    assert ExchangeMessage.objects.count() == 5
    assert exchange_log_verify().ok
    entry = ExchangeMessage.objects.get(outcome=MessageOutcome.REFUSED)
    ExchangeMessage.objects.filter(pk=entry.pk).update(inbound=False)
    entry.refresh_from_db()
    assert log_entry_problems(entry)
    assert not exchange_log_verify().ok
