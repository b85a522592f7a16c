"""NUL characters in what a client sends: refused where the request arrives.

PostgreSQL cannot hold a NUL character in text, and no one types one: a NUL in an address,
a query parameter or a JSON value is a broken or hostile client. Let through, it fails the
first query that carries it, as a server error. Here it is refused before any view runs:
a path with a NUL names nothing (404); an API query parameter or JSON value with one is a
field error naming the field (422). The pages read their queries and posts through
Django's forms, which refuse NUL beside the field themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

NUL = "\x00"
API_PREFIX = "/api/"


def nul_location(value: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """Where the first NUL is in parsed JSON (keys count too), or None."""
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if NUL in str(key):
                return (*path, key)
            found = nul_location(item, (*path, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_location(item, (*path, index))
            if found is not None:
                return found
    return None


def nul_message() -> str:
    return _("This text contains a NUL character, which cannot be kept. Remove it.")


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith(API_PREFIX)
        if NUL in request.path:
            if api:
                return _api_error(404, "not_found", _("Not found."), {})
            return page_not_found(request, Exception("NUL in the path"))
        if api:  # the pages read their query through Django's forms
            for name, values in request.GET.lists():
                if NUL in name or any(NUL in value for value in values):
                    message = _("Some fields need your attention.")
                    fields = {name.replace(NUL, ""): nul_message()}
                    return _api_error(422, "validation_error", message, fields)
        return self.get_response(request)


def _api_error(status: int, code: str, message: str, fields: dict[str, str]) -> JsonResponse:
    # The API's error shape (config.api.error_response), before the API is reached.
    return JsonResponse(
        {"error": {"code": code, "message": message, "fields": fields}}, status=status
    )
