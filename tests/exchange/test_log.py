"""The message log: what each entry holds, and exchange_verify catching an edited entry."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from umis.exchange import systems
from umis.exchange.envelope import RequestEnvelope, ResponseEnvelope, canonical_json, sha256_hex
from umis.exchange.log import log_entry_problems
from umis.exchange.log_verify import exchange_log_verify
from umis.exchange.members import own_keyring, simulator_key
from umis.exchange.models import ExchangeMessage, MessageOutcome

pytestmark = pytest.mark.django_db

BIRTH = date(1988, 4, 17)


def entry_exit(document="P12345678", user="system"):
    return systems.border().entry_exit(
        document_number=document,
        nationality="IRN",
        birth_date=BIRTH,
        arrival_date=date(2026, 11, 20),
        reference="UMIS-2026-TEST0001",
        user=user,
    )


def verify(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("exchange_verify", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_an_entry_holds_the_envelope_hashes_signatures_and_timings():
    entry_exit(user="kamran.officer")
    message = ExchangeMessage.objects.get()
    assert isinstance(message.message_id, uuid.UUID)
    assert message.client_member == "AZ/GOV/DMX/umis"
    assert message.service_member == "AZ/GOV/DMX/entry-exit"
    assert (message.system, message.operation) == ("border", "crossings/search")
    assert message.purpose == "application-check"
    assert message.user_id == "kamran.officer"
    assert message.reference == "UMIS-2026-TEST0001"
    body = {
        "arrival_date": "2026-11-20",
        "birth_date": "1988-04-17",
        "document_number": "P12345678",
        "nationality": "IRN",
    }
    assert message.request_hash == sha256_hex(canonical_json(body))
    assert len(message.response_hash) == 64 and message.response_id
    assert message.request_key_id == own_keyring().active
    assert message.response_key_id == simulator_key("border").key_id
    assert message.request_signature and message.response_signature and message.seal
    assert message.request_timestamp.endswith("Z") and message.response_timestamp.endswith("Z")
    assert message.outcome == MessageOutcome.OK and message.http_status == 200
    assert message.duration_ms >= 0 and message.attempt == 1
    # No personal data beyond the masked number: neither the number nor the birth date.
    stored = json.dumps(
        {f.name: str(getattr(message, f.name)) for f in ExchangeMessage._meta.fields}
    )
    assert "P12345678" not in stored and "1988" not in stored


def test_the_logged_signatures_verify_as_signed():
    entry_exit()
    message = ExchangeMessage.objects.get()
    assert log_entry_problems(message) == []
    request = RequestEnvelope(
        message_id=str(message.message_id),
        client=message.client_member,
        service=message.service_member,
        operation=message.operation,
        user_id=message.user_id,
        issue=message.reference,
        purpose=message.purpose,
        timestamp=message.request_timestamp,
        body_hash=message.request_hash,
        key_id=message.request_key_id,
    )
    response = ResponseEnvelope(
        message_id=str(message.message_id),
        response_id=message.response_id,
        client=message.client_member,
        service=message.service_member,
        operation=message.operation,
        request_hash=request.digest(),
        status=200,
        timestamp=message.response_timestamp,
        body_hash=message.response_hash,
        key_id=message.response_key_id,
    )
    import base64

    simulator_key("border").private.public_key().verify(
        base64.b64decode(message.response_signature), response.canonical()
    )
    own_keyring().verifying[message.request_key_id].verify(
        base64.b64decode(message.request_signature), request.canonical()
    )


def test_exchange_verify_passes_an_untouched_log():
    entry_exit()
    entry_exit("P12345670")
    with pytest.raises(Exception):  # noqa: B017 - any refusal; only the log matters here
        entry_exit("")
    out, err = verify()
    assert "3 entries checked" in out and err == ""


@pytest.mark.parametrize(
    "field, value",
    [
        ("reference", "UMIS-2026-OTHER001"),
        ("user_id", "someone.else"),
        ("outcome", MessageOutcome.UNAVAILABLE),
        ("request_summary", {"document": "P1*****99"}),
        ("duration_ms", 1),
        ("response_hash", "0" * 64),
        ("created_at", timezone.now() - timedelta(days=3)),
    ],
)
def test_exchange_verify_catches_an_edited_entry(field, value):
    entry_exit()
    entry_exit()
    edited = ExchangeMessage.objects.order_by("id").first()
    ExchangeMessage.objects.filter(pk=edited.pk).update(**{field: value})

    with pytest.raises(CommandError, match="1 of 2 entries broken"):
        verify()
    assert exchange_log_verify().broken[0][0].pk == edited.pk


def test_a_resealed_edit_still_fails_on_the_answers_signature():
    """Someone holding UMIS's key could re-seal an entry, not forge the other member's."""
    from umis.exchange.log import _seal

    entry_exit()
    message = ExchangeMessage.objects.get()
    message.response_hash = sha256_hex(b'{"crossings":[],"travel_ban":false}')
    _seal(message)
    message.save()
    problems = log_entry_problems(ExchangeMessage.objects.get())
    assert problems == ["the answer's signature does not verify"]


def test_a_removed_seal_is_broken_but_entries_from_before_signing_are_not():
    legacy = ExchangeMessage.objects.create(
        system="border", operation="crossings/search", outcome=MessageOutcome.OK
    )
    entry_exit()
    entry_exit()
    out, _err = verify()
    assert "1 entries from before the log was signed" in out
    last = ExchangeMessage.objects.exclude(pk=legacy.pk).order_by("id").last()
    ExchangeMessage.objects.filter(pk=last.pk).update(seal="")
    with pytest.raises(CommandError):
        verify()


def test_since_limits_the_check_to_recent_entries():
    entry_exit()
    old = ExchangeMessage.objects.get()
    ExchangeMessage.objects.filter(pk=old.pk).update(reference="edited")  # broken, but old
    ExchangeMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    entry_exit()
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    out, _err = verify("--since", since)
    assert "1 entries checked" in out
    with pytest.raises(CommandError):
        verify()


def test_since_must_be_a_date():
    with pytest.raises(CommandError, match="--since must be a date"):
        verify("--since", "yesterday")
