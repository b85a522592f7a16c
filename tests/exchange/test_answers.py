"""Every answer is checked before it is used: signature, member, key, request, time, replay
and schema. A bad one is rejected with its reason and logged; nothing crashes, nothing is
accepted silently."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.exchange.tampering import TamperingTransport, resigned
from umis.exchange import systems
from umis.exchange.client import AnswerRejected
from umis.exchange.envelope import timestamp_now
from umis.exchange.members import simulator_key
from umis.exchange.models import ExchangeMessage, MessageOutcome, RejectionReason

pytestmark = pytest.mark.django_db

BIRTH = date(1988, 4, 17)
ARRIVAL = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _tampering(settings):
    settings.UMIS_EXCHANGE_TRANSPORT = "tests.exchange.tampering.TamperingTransport"
    TamperingTransport.tamper = None
    TamperingTransport.calls = 0
    yield
    TamperingTransport.tamper = None


def entry_exit(document: str = "P12345678"):
    return systems.border().entry_exit(
        document_number=document,
        nationality="IRN",
        birth_date=BIRTH,
        arrival_date=ARRIVAL,
        reference="UMIS-2026-TEST0001",
    )


def border_key():
    return simulator_key("border")


def rejected_with(reason: str) -> ExchangeMessage:
    with pytest.raises(AnswerRejected) as caught:
        entry_exit()
    assert caught.value.reason == reason
    message = ExchangeMessage.objects.get()  # logged once: a rejection is not retried at once
    assert message.outcome == MessageOutcome.REJECTED
    assert message.rejection_reason == reason
    return message


def test_a_good_answer_is_accepted():
    assert entry_exit().last_entry == ARRIVAL
    assert ExchangeMessage.objects.get().outcome == MessageOutcome.OK


def test_an_answer_signed_by_another_key_is_rejected_as_a_bad_signature():
    TamperingTransport.tamper = lambda reply: resigned(reply, Ed25519PrivateKey.generate())
    rejected_with(RejectionReason.BAD_SIGNATURE)


def test_a_changed_body_breaks_the_signature():
    def swap_body(reply):
        forged = reply.body.replace(b'"travel_ban":true', b'"travel_ban":false')
        return type(reply)(status=reply.status, headers=reply.headers, body=forged + b" ")

    TamperingTransport.tamper = swap_body
    rejected_with(RejectionReason.BAD_SIGNATURE)


def test_the_simulators_forged_answer_is_rejected():
    with pytest.raises(AnswerRejected) as caught:
        entry_exit("P12345674")
    assert caught.value.reason == RejectionReason.BAD_SIGNATURE


def test_an_answer_from_an_unknown_member_is_rejected():
    intruder = Ed25519PrivateKey.generate()
    TamperingTransport.tamper = lambda reply: resigned(reply, intruder, service="XX/GOV/EVIL/x")
    message = rejected_with(RejectionReason.UNKNOWN_MEMBER)
    assert "XX/GOV/EVIL/x" in message.error


def test_an_answer_under_a_key_id_the_registry_does_not_hold_is_rejected():
    TamperingTransport.tamper = lambda reply: resigned(
        reply, Ed25519PrivateKey.generate(), key_id="nokey"
    )
    rejected_with(RejectionReason.UNKNOWN_KEY)


def test_an_answer_signed_by_another_known_member_is_not_ours():
    health = simulator_key("health")
    TamperingTransport.tamper = lambda reply: resigned(
        reply, health.private, service="AZ/GOV/SN/certificates", key_id=health.key_id
    )
    rejected_with(RejectionReason.NOT_OURS)


def test_an_answer_to_another_message_is_not_ours():
    kept = {}

    def replay_the_first(reply):
        kept.setdefault("reply", reply)
        return kept["reply"]

    TamperingTransport.tamper = replay_the_first
    entry_exit()
    with pytest.raises(AnswerRejected) as caught:
        entry_exit()
    assert caught.value.reason == RejectionReason.NOT_OURS


def test_an_answer_id_seen_before_is_a_replay():
    TamperingTransport.tamper = lambda reply: resigned(
        reply, border_key().private, response_id="always-the-same"
    )
    entry_exit()
    with pytest.raises(AnswerRejected) as caught:
        entry_exit()
    assert caught.value.reason == RejectionReason.REPLAYED
    outcomes = list(ExchangeMessage.objects.order_by("id").values_list("outcome", "response_id"))
    assert outcomes == [("ok", "always-the-same"), ("rejected", None)]


@pytest.mark.parametrize("minutes", [-30, 30])
def test_an_answer_whose_time_is_far_from_ours_is_stale(minutes):
    when = datetime.now(UTC) + timedelta(minutes=minutes)
    stamp = when.isoformat(timespec="microseconds").replace("+00:00", "Z")
    TamperingTransport.tamper = lambda reply: resigned(reply, border_key().private, timestamp=stamp)
    rejected_with(RejectionReason.STALE)


def test_an_answer_within_the_allowed_skew_is_accepted():
    TamperingTransport.tamper = lambda reply: resigned(
        reply, border_key().private, timestamp=timestamp_now()
    )
    assert entry_exit().travel_ban is False


def test_an_answer_id_too_long_to_keep_is_rejected_not_a_crash():
    TamperingTransport.tamper = lambda reply: resigned(
        reply, border_key().private, response_id="x" * 65
    )
    rejected_with(RejectionReason.UNSIGNED)


def test_an_unsigned_answer_is_rejected():
    TamperingTransport.tamper = lambda reply: type(reply)(
        status=200, headers={"content-type": "application/json"}, body=reply.body
    )
    rejected_with(RejectionReason.UNSIGNED)


def test_a_body_that_does_not_match_the_schema_is_rejected_without_its_values():
    with pytest.raises(AnswerRejected) as caught:
        entry_exit("P12345673")
    assert caught.value.reason == RejectionReason.SCHEMA
    message = ExchangeMessage.objects.get()
    assert message.rejection_reason == RejectionReason.SCHEMA
    assert "travel_ban" in message.error and "unknown" not in message.error


@pytest.mark.parametrize(
    "body",
    [b'{"crossings": [], "travel_ban": "yes"}', b"[]", b"not json", b'{"crossings": []}'],
)
def test_nothing_is_coerced_into_an_answer(body):
    TamperingTransport.tamper = lambda reply: resigned(reply, border_key().private, body=body)
    rejected_with(RejectionReason.SCHEMA)


def test_a_rejected_answer_counts_against_the_circuit(settings):
    from umis.exchange.models import SystemCircuit

    TamperingTransport.tamper = lambda reply: resigned(reply, Ed25519PrivateKey.generate())
    with pytest.raises(AnswerRejected):
        entry_exit()
    assert SystemCircuit.objects.get(system="border").failures == 1
