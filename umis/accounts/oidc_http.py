"""The back channel of the portal sign-in: how UMIS's server reaches the identity provider.

Discovery, keys and userinfo are GETs; the token request is a form POST. Over HTTP in
production; in tests (``inprocess``) the request runs through this Django project's own
request handling, as ``umis.exchange.transport`` does for the state systems, so that the
real client code meets the provider simulator's real views without a server.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderUnreachable(Exception):
    """No answer came: refused connection, timeout, not an HTTP address."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class Channel(Protocol):
    def get(self, url: str, *, headers: dict[str, str]) -> Answer: ...

    def post_form(self, url: str, data: dict[str, str], *, headers: dict[str, str]) -> Answer: ...


def _timeout() -> float:
    return float(getattr(settings, "UMIS_EXCHANGE_TIMEOUT_SECONDS", 10))


class HttpChannel:
    def _send(self, request: urllib.request.Request) -> Answer:
        if urlsplit(request.full_url).scheme not in {"http", "https"}:
            raise ProviderUnreachable("not an HTTP URL")
        try:
            with urllib.request.urlopen(request, timeout=_timeout()) as response:  # noqa: S310
                return Answer(response.status, response.read(), dict(response.headers))
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.read(), dict(exc.headers or {}))
        except (TimeoutError, urllib.error.URLError, OSError) as exc:
            raise ProviderUnreachable(str(getattr(exc, "reason", exc))) from exc

    def get(self, url: str, *, headers: dict[str, str]) -> Answer:
        return self._send(
            urllib.request.Request(url, headers={"Accept": "application/json", **headers})  # noqa: S310
        )

    def post_form(self, url: str, data: dict[str, str], *, headers: dict[str, str]) -> Answer:
        return self._send(
            urllib.request.Request(  # noqa: S310 - the scheme is checked in _send
                url,
                data=urlencode(data).encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    **headers,
                },
                method="POST",
            )
        )


class InProcessChannel:
    """Calls this Django project in-process; only the URL's path and query are used, and an
    unknown path answers 404 as a server would."""

    def _client(self):  # imported late: only tests use it
        from django.test import Client

        return Client(raise_request_exception=False)

    @staticmethod
    def _path(url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def get(self, url: str, *, headers: dict[str, str]) -> Answer:
        response = self._client().get(self._path(url), headers=headers)
        return Answer(response.status_code, response.content, dict(response.headers))

    def post_form(self, url: str, data: dict[str, str], *, headers: dict[str, str]) -> Answer:
        response = self._client().post(
            self._path(url),
            urlencode(data),
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
        return Answer(response.status_code, response.content, dict(response.headers))


_NAMED = {"http": HttpChannel, "inprocess": InProcessChannel}


def get_channel() -> Channel:
    """``UMIS_EGOV_OIDC_TRANSPORT`` (``http``, ``inprocess`` or a dotted class path); when
    empty, the exchange's transport setting decides between the two."""
    name = getattr(settings, "UMIS_EGOV_OIDC_TRANSPORT", "") or (
        "inprocess" if settings.UMIS_EXCHANGE_TRANSPORT == "inprocess" else "http"
    )
    cls = _NAMED.get(name) or import_string(name)
    return cls()
