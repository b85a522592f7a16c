"""What every simulated system shares: the envelope checked as a real member checks it,
each message id answered once, the answer signed with the system's own demo key, the
switches that make a system misbehave on demand, and the reading of a request's body."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from umis.exchange.envelope import (
    MalformedEnvelope,
    RequestEnvelope,
    ResponseEnvelope,
    canonical_json,
    parse_timestamp,
    sha256_hex,
    sign,
    timestamp_now,
    verifies,
)
from umis.exchange.members import UnknownKey, UnknownMember, member_of, public_key, simulator_key
from umis.exchange.models import SimulatorMode
from umis.exchange.simulators.replay import message_first_seen
from umis.exchange.simulators.switches import switch_of

# The last character of the travel document number calls up an outcome (see the package).
BAN_OR_RECORD = "0"
NO_CERTIFICATE = "1"
OFF_SCHEMA = "3"
BAD_SIGNATURE = "4"
LATE_ENTRY = "6"
DOWN = "7"
NO_ENTRY = "9"
# Letters, for the labour ministry and foreign affairs (the digits are all taken).
NOTHING_REGISTERED = "N"  # labour: no contract; foreign affairs: no visa
REGISTER_OFF_SCHEMA = "S"  # labour, foreign affairs: an answer off the schema
ENDED = "E"  # labour: the contract terminated; foreign affairs: the visa expired
# The last character of a FIN (population) or a TIN (tax); 3, 4 and 7 as above.
DECEASED_OR_INACTIVE = "0"
NOT_REGISTERED = "9"
MAX_SKEW_SECONDS = 300
# What a system switched to "garbage" answers: signed, but no operation's schema (an
# answer is always a JSON object).
GARBAGE = ["<html><body>Internal error</body></html>"]
REPLAYED = "the message id was seen before: a replayed request is not answered"


class BadRequest(Exception):
    pass


class Reply:
    """What a simulated operation answers: a JSON object and its status."""

    def __init__(self, data: Any, status: int = 200, *, forged: bool = False):
        self.data, self.status, self.forged = data, status, forged


def body_of(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw or b"{}")
    except ValueError as exc:
        raise BadRequest("the body is not JSON") from exc
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    return data


def text_field(data: dict[str, Any], name: str) -> str:
    value = str(data.get(name) or "").strip().upper()
    if not value:
        raise BadRequest(f"{name} is required")
    return value


def date_field(data: dict[str, Any], name: str) -> date | None:
    value = data.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise BadRequest(f"{name} is not a date") from exc


def _request_problem(request: RequestEnvelope, signature: str, system: str, operation: str) -> str:
    """Why this member would not answer the request ("" if it would)."""
    if (request.service, request.operation) != (member_of(system), operation):
        return "this service is not the one addressed"
    try:
        key = public_key(request.client, request.key_id)
    except (UnknownMember, UnknownKey):
        return "unknown client member or key"
    if not verifies(key, request.canonical(), signature):
        return "the request's signature does not verify"
    sent = parse_timestamp(request.timestamp)
    if sent is None or abs((timezone.now() - sent).total_seconds()) > MAX_SKEW_SECONDS:
        return "the request's time is too far from ours"
    return ""


def _signed(system: str, operation: str, request: RequestEnvelope, reply: Reply) -> HttpResponse:
    body = canonical_json(reply.data)
    key = simulator_key(system)
    response = ResponseEnvelope(
        message_id=request.message_id,
        response_id=str(uuid.uuid4()),
        client=request.client,
        service=member_of(system),
        operation=operation,
        request_hash=request.digest(),
        status=reply.status,
        timestamp=timestamp_now(),
        body_hash=sha256_hex(body),
        key_id=key.key_id,
    )
    # A forged answer: signed under the system's key id by a key that is not its own.
    signer = Ed25519PrivateKey.generate() if reply.forged else key.private
    return HttpResponse(
        body,
        status=reply.status,
        content_type="application/json",
        headers=response.headers(sign(signer, response.canonical())),
    )


def simulator(system: str, operation: str) -> Callable:
    """POST only, a signed envelope in and out, no CSRF (machine to machine)."""

    def decorator(view: Callable[[dict[str, Any]], Reply]) -> Callable:
        @csrf_exempt
        @require_POST
        def wrapped(request: HttpRequest) -> HttpResponse:
            switch = switch_of(system)
            if switch.mode == SimulatorMode.FAILING:
                return down_response()
            if switch.mode == SimulatorMode.SLOW:
                time.sleep(switch.delay_seconds)
            headers = {name.lower(): value for name, value in request.headers.items()}
            try:
                envelope, signature = RequestEnvelope.from_headers(headers, body=request.body)
            except MalformedEnvelope as exc:
                return JsonResponse({"error": f"no valid envelope: {exc}"}, status=400)
            problem = _request_problem(envelope, signature, system, operation)
            if problem:
                return _signed(system, operation, envelope, Reply({"error": problem}, 401))
            if not message_first_seen(system=system, message_id=envelope.message_id):
                return _signed(system, operation, envelope, Reply({"error": REPLAYED}, 409))
            try:
                reply = view(body_of(request.body))
            except BadRequest as exc:
                reply = Reply({"error": str(exc)}, 400)
            if switch.mode == SimulatorMode.GARBAGE:
                reply = Reply(GARBAGE)
            elif switch.mode == SimulatorMode.FORGED:
                reply.forged = True
            return _signed(system, operation, envelope, reply)

        wrapped.__name__ = view.__name__
        return wrapped

    return decorator


def umis_push_url(path: str) -> str:
    """Where a simulated system sends what it pushes to UMIS: ``UMIS_SIMULATOR_PUSH_URL``,
    else the exchange API of the server that ``UMIS_EXCHANGE_BASE_URL`` names (in the demo
    and the browser tests, the one serving UMIS and the simulators together)."""
    base = settings.UMIS_SIMULATOR_PUSH_URL
    if not base:
        parts = urlsplit(settings.UMIS_EXCHANGE_BASE_URL)
        base = urlunsplit((parts.scheme, parts.netloc, "/api/v1/exchange/", "", ""))
    return base.rstrip("/") + "/" + path.lstrip("/")


def down() -> Reply:
    return Reply({"error": "service unavailable"}, 503)


def down_response() -> HttpResponse:
    """A system switched to failing: down before it reads anything, as behind a proxy."""
    return JsonResponse({"error": "service unavailable"}, status=503)
