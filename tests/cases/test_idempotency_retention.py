"""An Idempotency-Key is remembered for a day, then forgotten (with the answer it kept)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.cases.test_api import apply, stay_form
from umis.cases.idempotency import RETENTION
from umis.cases.models import Application, IdempotencyRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(applicant):
    client = Client()
    client.force_login(applicant)
    return client


def test_a_key_older_than_the_retention_is_forgotten_and_may_be_used_again(portal):
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    first = apply(portal, body, key="k-old")
    assert first.status_code == 201
    record = IdempotencyRecord.objects.get(key="k-old")
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        created_at=record.created_at - RETENTION - RETENTION / 24
    )

    again = apply(portal, body, key="k-old")

    assert again.status_code == 201
    assert again.json()["number"] != first.json()["number"]  # a new submission, not a replay
    assert Application.objects.count() == 2
    assert IdempotencyRecord.objects.filter(key="k-old").count() == 1


def test_a_key_within_the_retention_still_replays(portal):
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    first = apply(portal, body, key="k-new")
    record = IdempotencyRecord.objects.get(key="k-new")
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        created_at=record.created_at - RETENTION + RETENTION / 24
    )

    assert apply(portal, body, key="k-new").json() == first.json()
    assert Application.objects.count() == 1


@pytest.mark.parametrize(("share", "left"), [(1.0, 0), (0.0, 1)])
def test_a_callers_other_expired_keys_are_cleared_now_and_then(portal, monkeypatch, share, left):
    monkeypatch.setattr("umis.cases.idempotency.CLEANUP_SHARE", share)
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    apply(portal, body, key="k-stale")
    IdempotencyRecord.objects.filter(key="k-stale").update(
        created_at=IdempotencyRecord.objects.get(key="k-stale").created_at - 2 * RETENTION
    )

    assert apply(portal, {**body}, key="k-next").status_code == 201

    assert IdempotencyRecord.objects.filter(key="k-stale").count() == left
    assert IdempotencyRecord.objects.filter(key="k-next").count() == 1
