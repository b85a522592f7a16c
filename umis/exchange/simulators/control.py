"""The control endpoint of the standalone simulators: switch a system while it runs.

``POST /_control/<system>`` with ``{"mode": "failing" | "slow" | "garbage" | "forged" |
"normal", "delay": 5}`` (``delay`` in seconds, for ``slow``) and the header
``Authorization: Bearer <token>``. Only from this machine (a loopback address) and only with
the token of ``settings.UMIS_SIMULATOR_CONTROL_TOKEN`` (the environment, or the demo secret
generated under var/): anyone who can switch a system can make UMIS wait or reject answers.
"""

from __future__ import annotations

import hmac
import ipaddress
import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from umis.core.errors import ValidationFailed
from umis.exchange.simulators.server import mounted_systems
from umis.exchange.simulators.switches import checked_switch, simulator_switch_set


def _error(status: int, code: str, message: str, fields: dict | None = None) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status
    )


def _from_this_machine(request: HttpRequest) -> bool:
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def _token_given(request: HttpRequest) -> bool:
    expected = settings.UMIS_SIMULATOR_CONTROL_TOKEN
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    return bool(expected) and scheme.lower() == "bearer" and hmac.compare_digest(given, expected)


@csrf_exempt
@require_POST
def control(request: HttpRequest, system: str) -> JsonResponse:
    if not _from_this_machine(request):
        return _error(403, "forbidden", _("The simulators are switched from this machine only."))
    if not _token_given(request):
        return _error(403, "forbidden", _("The simulators' control token is missing or wrong."))
    if system not in mounted_systems():
        return _error(404, "not_found", _("No simulator of that system is served."))
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return _error(400, "bad_request", _("The body must be a JSON object."))
    try:
        switch = checked_switch(mode=str(data.get("mode", "")), delay=data.get("delay"))
    except ValidationFailed as exc:
        return _error(422, exc.code, exc.message, exc.fields)
    simulator_switch_set(system=system, switch=switch)
    return JsonResponse({"system": system, "mode": switch.mode, "delay": switch.delay_seconds})


def not_found(request: HttpRequest, exception: Exception) -> JsonResponse:
    """What the simulators' ports answer for any other path (machine to machine: JSON)."""
    return _error(404, "not_found", _("Not found."))


def server_error(request: HttpRequest) -> JsonResponse:
    return _error(500, "server_error", _("The simulator failed."))
