"""The signed-in user is read by compiled statements: the same answers as Django's own."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.conftest import signed_in_applicant
from umis.accounts.backends import AccountBackend
from umis.accounts.models import User
from umis.accounts.session_store import SessionStore

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in():
    client = signed_in_applicant("session-reader")
    return client, User.objects.get(username="session-reader")


def test_a_live_session_is_read_back_whole(signed_in):
    client, user = signed_in
    store = SessionStore(client.cookies["sessionid"].value)
    assert store[SESSION_KEY] == str(user.pk)
    assert store.session_key == client.cookies["sessionid"].value


def test_an_expired_session_is_forgotten(signed_in):
    client, _user = signed_in
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None
    assert client.get("/api/v1/applications/").status_code == 401


@pytest.mark.parametrize("key", ["", "short", "a" * 31 + "\x00", "ключ" * 10, "a;b" * 12])
def test_keys_this_store_never_makes_open_nothing(key):
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_the_session_cookie_with_a_nul_is_a_visitor_not_an_error(signed_in):
    client, _user = signed_in
    client.cookies["sessionid"] = client.cookies["sessionid"].value[:31] + "\x00"
    assert client.get("/api/v1/applications/").status_code == 401


def test_the_backend_gives_the_user_with_every_field(signed_in):
    _client, user = signed_in
    found = AccountBackend().get_user(user.pk)
    assert found == user
    assert (found.email, found.role, found.email_confirmed_at) == (
        user.email,
        user.role,
        user.email_confirmed_at,
    )
    assert found._state.adding is False and found._state.db == "default"


def test_an_inactive_or_deleted_user_is_nobody(signed_in):
    client, user = signed_in
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert AccountBackend().get_user(user.pk) is None
    assert client.get("/api/v1/applications/").status_code == 401
    assert AccountBackend().get_user(user.pk + 1000) is None
