"""How a request reaches a state system: over HTTP, or into this very process (tests).

Both transports take a full URL and a JSON body and give back ``(status, body)``; both
raise ``TransportError`` when no answer came at all (refused connection, timeout). The
in-process transport runs the request through Django's own request handling, so tests
exercise the real client code and the simulators' real views without a server.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.module_loading import import_string


class TransportError(Exception):
    """No answer: the system could not be reached or did not reply in time."""


class Transport(Protocol):
    def post(self, url: str, body: dict[str, Any], *, timeout: float) -> tuple[int, Any]: ...


def _decode(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None  # an HTML error page from a proxy: the status says enough


class HttpTransport:
    def post(self, url: str, body: dict[str, Any], *, timeout: float) -> tuple[int, Any]:
        if urlsplit(url).scheme not in {"http", "https"}:
            raise TransportError(f"not an HTTP URL: {url!r}")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, _decode(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, _decode(exc.read())
        except (TimeoutError, urllib.error.URLError, OSError) as exc:
            raise TransportError(str(getattr(exc, "reason", exc))) from exc


class InProcessTransport:
    """Calls this Django project in-process (only the URL's path is used)."""

    def post(self, url: str, body: dict[str, Any], *, timeout: float) -> tuple[int, Any]:
        from django.test import Client  # imported late: only tests and demos use it

        parts = urlsplit(url)
        client = Client(raise_request_exception=False)
        response = client.post(parts.path, body, content_type="application/json")
        return response.status_code, _decode(response.content)


_NAMED = {"http": HttpTransport, "inprocess": InProcessTransport}


def get_transport() -> Transport:
    """The transport the settings choose: ``http``, ``inprocess`` or a dotted class path."""
    name = getattr(settings, "UMIS_EXCHANGE_TRANSPORT", "http")
    cls = _NAMED.get(name) or import_string(name)
    return cls()
