"""Driving a sign-in with the e-government portal through the Django test client: the
browser's part (UMIS's start, the simulator's page, the return to UMIS). The server's back
channel reaches the simulator in-process (tests' transport)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.test import Client

START = "/account/sign-in/egov/"
SIGN_IN = "/account/sign-in/"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def start(client: Client, next_url: str = "") -> str:
    """UMIS sends the browser to the portal: the portal's authorization URL."""
    response = client.get(START + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302, response
    return response["Location"]


def choose(client: Client, authorize_url: str, person: str, *, cancel: bool = False) -> str:
    """At the portal: choose a person and agree (or cancel). The URL back to UMIS."""
    page = client.get(path_of(authorize_url))
    assert page.status_code == 200
    data = {**query_of(authorize_url), "person": person}
    data["cancel" if cancel else "allow"] = "1"
    response = client.post(urlsplit(authorize_url).path, data)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def come_back(client: Client, callback_url: str):
    return client.get(path_of(callback_url))


def sign_in_as(client: Client, person: str, next_url: str = ""):
    """The whole round: start, choose ``person`` at the portal, come back."""
    return come_back(client, choose(client, start(client, next_url), person))


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")
