"""The border system pushing crossings: taken only when signed as the exchange signs, into
the same storage as the feed, once per crossing; refused messages logged."""

from __future__ import annotations

import json

import pytest

from umis.border.models import BorderCrossing, CrossingSource
from umis.exchange.log_verify import exchange_log_verify
from umis.exchange.models import ExchangeMessage, MessageOutcome, RejectionReason
from umis.exchange.simulators import border_feed
from umis.exchange.simulators.border_push import push_crossings

pytestmark = pytest.mark.django_db


def crossings(*numbers):
    return [border_feed.crossing(n) for n in numbers]


def test_a_signed_push_is_stored_once_and_logged(districts):
    reply = push_crossings(crossings(100, 101, 102))

    assert reply.status == 200
    assert json.loads(reply.body) == {"stored": 3, "already_stored": 0}
    assert set(BorderCrossing.objects.values_list("source", flat=True)) == {CrossingSource.PUSH}

    again = push_crossings(crossings(101, 102, 103))
    assert json.loads(again.body) == {"stored": 1, "already_stored": 2}
    assert BorderCrossing.objects.count() == 4

    logged = ExchangeMessage.objects.filter(system="border", operation="crossings", inbound=True)
    assert [m.outcome for m in logged] == [MessageOutcome.OK, MessageOutcome.OK]
    # The entries verify like every other: the border system's signature and UMIS's answer.
    assert exchange_log_verify().ok


def test_a_push_with_a_bad_signature_is_refused_and_logged(districts, caplog):
    reply = push_crossings(crossings(100), forged=True)

    assert reply.status == 401
    assert BorderCrossing.objects.count() == 0
    logged = ExchangeMessage.objects.get(system="border", inbound=True)
    assert logged.outcome == MessageOutcome.REJECTED
    assert logged.rejection_reason == RejectionReason.BAD_SIGNATURE
    assert logged.message_id is None
    assert "bad_signature" in caplog.text
    assert exchange_log_verify().ok


def test_a_replayed_push_is_refused(districts):
    message_id = "5b0f8a4c-8a53-4c3e-9f51-0d7f3f5a6e10"
    assert push_crossings(crossings(100), message_id=message_id).status == 200

    replay = push_crossings(crossings(101), message_id=message_id)

    assert replay.status == 409
    assert BorderCrossing.objects.count() == 1
    assert ExchangeMessage.objects.filter(rejection_reason=RejectionReason.REPLAYED).exists()


def test_an_unsigned_push_is_refused(client, districts):
    response = client.post(
        "/api/v1/exchange/border/crossings", {"crossings": []}, content_type="application/json"
    )

    assert response.status_code == 400
    assert BorderCrossing.objects.count() == 0


def test_a_push_that_does_not_match_the_schema_is_refused(districts):
    bad = crossings(100)
    bad[0]["direction"] = "sideways"

    reply = push_crossings(bad)

    assert reply.status == 422
    assert "crossings.0.direction" in json.loads(reply.body)["error"]["detail"]
    assert BorderCrossing.objects.count() == 0
