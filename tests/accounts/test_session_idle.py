"""An active session is kept alive once a minute, not re-written on every request."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from umis.accounts.session_idle import STAMP_KEY

pytestmark = pytest.mark.django_db


def _session_writes(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return sum(
        1
        for q in captured.captured_queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_requests_within_a_minute_write_the_session_once(verified_client, staff_user):
    client = verified_client(staff_user)
    key = client.session.session_key
    # The stamp is pushed back as if the last refresh were two minutes ago.
    session = client.session
    session[STAMP_KEY] = int(timezone.now().timestamp()) - 120
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=5))

    assert _session_writes(client, "/office/") == 1
    remaining = Session.objects.get(pk=key).expire_date - timezone.now()
    assert timedelta(seconds=1790) < remaining <= timedelta(seconds=1800)
    assert _session_writes(client, "/office/") == 0
    assert _session_writes(client, "/office/") == 0


def test_a_cookie_naming_no_session_creates_none(client):
    client.cookies["sessionid"] = "no-such-session-key-0123456789abcdef"
    before = Session.objects.count()
    assert client.get("/services/").status_code == 200
    assert Session.objects.count() == before
