"""A retry that arrives while the first request is still working is told to wait."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from tests.cases.test_api import apply, stay_form
from umis.cases import intake
from umis.cases.models import Application


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_replay_gets_409_then_the_stored_answer(
    reference_data_reloaded, applicant, monkeypatch
):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite lets one writer in at a time: the first request holds the write lock "
            "from the start of its work, so a replay waits for it and gets its answer"
        )
    started, release = threading.Event(), threading.Event()
    real = intake.application_apply_online

    def slow(**kwargs):
        started.set()
        assert release.wait(timeout=20)
        return real(**kwargs)

    monkeypatch.setattr(intake, "application_apply_online", slow)
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    first = {}

    def send_first():
        try:
            client = Client()
            client.force_login(applicant)
            first["response"] = apply(client, body)
        finally:
            connection.close()

    thread = threading.Thread(target=send_first)
    thread.start()
    try:
        assert started.wait(timeout=20)
        client = Client()
        client.force_login(applicant)
        during = apply(client, body)
        assert during.status_code == 409
        assert during.json()["error"]["code"] == "idempotency_in_flight"
    finally:
        release.set()
        thread.join(timeout=30)

    assert first["response"].status_code == 201
    after = apply(client, body)
    assert (after.status_code, after.json()) == (201, first["response"].json())
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_first_answer_committed_after_the_look_up_began_is_replayed(
    reference_data_reloaded, applicant, monkeypatch
):
    """On PostgreSQL the in-flight guard and the look-up are one statement, which reads what
    was committed when it began: a first request committing in the moment before the lock
    is taken is not seen. The retry's own record then collides with the first one's; its
    work is rolled back and it answers as the first did."""
    from umis.cases import idempotency

    client = Client()
    client.force_login(applicant)
    body = {"service_code": "stay-registration", "form_data": stay_form()}
    first = apply(client, body, key="the-window")
    assert first.status_code == 201
    # The retry's look-up misses the record, as it would inside that moment.
    monkeypatch.setattr(idempotency, "_lock_and_look_up", lambda **_kwargs: None)
    retry = apply(client, body, key="the-window")
    assert (retry.status_code, retry.json()) == (201, first.json())
    assert Application.objects.count() == 1
    changed = apply(client, {**body, "submit": False}, key="the-window")
    assert changed.status_code == 422
    assert changed.json()["error"]["code"] == "idempotency_key_reused"
    assert Application.objects.count() == 1
