"""How a request reaches a state system: over HTTP, or into this very process (tests).

Both transports take a full URL, the body's exact bytes and the envelope's headers, and
give back a ``Reply`` (status, headers with lowercase names, the body's exact bytes: the
signatures cover those bytes, so nothing here may re-encode them). Both raise
``TransportError`` when no answer came at all (refused connection, timeout). The in-process
transport runs the request through Django's own request handling, so tests exercise the
real client code and the simulators' real views without a server.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.module_loading import import_string


class TransportError(Exception):
    """No answer: the system could not be reached or did not reply in time."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # names in lowercase
    body: bytes = b""


class Transport(Protocol):
    def post(self, url: str, body: bytes, *, headers: dict[str, str], timeout: float) -> Reply: ...


def _lower(headers) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


class HttpTransport:
    def post(self, url: str, body: bytes, *, headers: dict[str, str], timeout: float) -> Reply:
        if urlsplit(url).scheme not in {"http", "https"}:
            raise TransportError(f"not an HTTP URL: {url!r}")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url,
            data=body,
            headers={"Content-Type": "application/json", "Accept": "application/json", **headers},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return Reply(response.status, _lower(response.headers), response.read())
        except urllib.error.HTTPError as exc:
            return Reply(exc.code, _lower(exc.headers or {}), exc.read())
        except (TimeoutError, urllib.error.URLError, OSError) as exc:
            raise TransportError(str(getattr(exc, "reason", exc))) from exc


class InProcessTransport:
    """Calls this Django project in-process (only the URL's path is used)."""

    def post(self, url: str, body: bytes, *, headers: dict[str, str], timeout: float) -> Reply:
        from django.test import Client  # imported late: only tests and demos use it

        parts = urlsplit(url)
        client = Client(raise_request_exception=False)
        response = client.post(parts.path, body, content_type="application/json", headers=headers)
        return Reply(response.status_code, _lower(response.headers), response.content)


_NAMED = {"http": HttpTransport, "inprocess": InProcessTransport}


def get_transport() -> Transport:
    """The transport the settings choose: ``http``, ``inprocess`` or a dotted class path."""
    name = getattr(settings, "UMIS_EXCHANGE_TRANSPORT", "http")
    cls = _NAMED.get(name) or import_string(name)
    return cls()
