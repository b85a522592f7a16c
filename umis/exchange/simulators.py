"""Simulators of the state systems: the same signed HTTP interface, deterministic answers.

Mounted under ``/simulators/<system>/`` only when ``settings.UMIS_SIMULATORS`` is on (the
demo profile and tests; never in production). Each simulated system checks the request's
envelope as a real member would (a known client, a signature that verifies, its own member
id, the time) and signs its answer with its own demo key from the trust registry
(``umis.exchange.members``). Answers follow from the request, so the demo and the tests
can call up each outcome. By the LAST CHARACTER of the travel document number:

====  =====================================================================
 0    border: a travel ban; internal affairs: a criminal record
 1    health: no valid medical certificate
 3    border: an answer that does not match the operation's schema
 4    border: an answer whose signature does not verify
 6    border: the entry is recorded 5 days after the arrival date given
 7    border, internal affairs, health: the system is down (HTTP 503)
 9    border: no entry recorded for this document
else  entered on the arrival date given (or 30 days ago); no ban, no record,
      a valid medical certificate
====  =====================================================================

Border: ``POST /simulators/border/restrictions/list`` answers the restrictions list (travel
bans and wanted persons) as the fixed ``RESTRICTIONS`` below, the same on every call.

Payment gateway: a duty is paid once a payment with its reference (the application
number) has been made at ``POST /simulators/payment/payments``
(``{"reference": ..., "amount_azn": ...}``, the applicant's own payment, not a message of
the exchange); until then it is unpaid.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
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
from umis.exchange.models import SimulatedPayment

BAN_OR_RECORD = "0"
NO_CERTIFICATE = "1"
OFF_SCHEMA = "3"
BAD_SIGNATURE = "4"
LATE_ENTRY = "6"
DOWN = "7"
NO_ENTRY = "9"
LATE_ENTRY_DAYS = 5
BORDER_POINT = "Heydar Aliyev International Airport"
MAX_SKEW_SECONDS = 300


class BadRequest(Exception):
    pass


class Reply:
    """What a simulated operation answers: a JSON object and its status."""

    def __init__(self, data: dict[str, Any], status: int = 200, *, forged: bool = False):
        self.data, self.status, self.forged = data, status, forged


def _body(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw or b"{}")
    except ValueError as exc:
        raise BadRequest("the body is not JSON") from exc
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    return data


def _field(data: dict[str, Any], name: str) -> str:
    value = str(data.get(name) or "").strip().upper()
    if not value:
        raise BadRequest(f"{name} is required")
    return value


def _date(data: dict[str, Any], name: str) -> date | None:
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
            headers = {name.lower(): value for name, value in request.headers.items()}
            try:
                envelope, signature = RequestEnvelope.from_headers(headers, body=request.body)
            except MalformedEnvelope as exc:
                return JsonResponse({"error": f"no valid envelope: {exc}"}, status=400)
            problem = _request_problem(envelope, signature, system, operation)
            if problem:
                return _signed(system, operation, envelope, Reply({"error": problem}, 401))
            try:
                reply = view(_body(request.body))
            except BadRequest as exc:
                reply = Reply({"error": str(exc)}, 400)
            return _signed(system, operation, envelope, reply)

        wrapped.__name__ = view.__name__
        return wrapped

    return decorator


def _down() -> Reply:
    return Reply({"error": "service unavailable"}, 503)


@simulator("border", "crossings/search")
def border_crossings(data: dict[str, Any]) -> Reply:
    document = _field(data, "document_number")
    arrival = _date(data, "arrival_date") or timezone.localdate() - timedelta(days=30)
    if document.endswith(DOWN):
        return _down()
    if document.endswith(OFF_SCHEMA):
        return Reply({"crossings": "none", "travel_ban": "unknown"})
    crossings = []
    if not document.endswith(NO_ENTRY):
        entered = arrival + timedelta(days=LATE_ENTRY_DAYS if document.endswith(LATE_ENTRY) else 0)
        crossings.append(
            {"date": entered.isoformat(), "direction": "in", "border_point": BORDER_POINT}
        )
    return Reply(
        {"crossings": crossings, "travel_ban": document.endswith(BAN_OR_RECORD)},
        forged=document.endswith(BAD_SIGNATURE),
    )


# The border system's restrictions list as the simulator keeps it: names as the border
# system holds them (the native script and the passport's Latin line), dates to the
# precision known, and the reason as the border system words it.
RESTRICTIONS = [
    {
        "reference": "RL-2024-000117",
        "list": "entry_ban",
        "surname": "Петренко",
        "given_names": "Олег",
        "surname_latin": "PETRENKO",
        "given_names_latin": "OLEH",
        "birth_date": "1981-09-14",
        "sex": "M",
        "nationality": "UKR",
        "document_numbers": ["FE123450"],
        "reason": "Entry banned for 5 years after expulsion (decision 17/2024).",
        "valid_from": "2024-03-01",
        "valid_until": "2029-02-28",
    },
    {
        "reference": "RL-2025-000042",
        "list": "entry_ban",
        "surname": "حسینی",
        "given_names": "علی",
        "surname_latin": "HOSSEINI",
        "given_names_latin": "ALI",
        "birth_date": "1990-02",
        "sex": "M",
        "nationality": "IRN",
        "document_numbers": [],
        "reason": "Entry banned after repeated overstay.",
        "valid_from": "2025-01-15",
        "valid_until": None,
    },
    {
        "reference": "RL-2025-000301",
        "list": "wanted",
        "surname": "ბერიძე",
        "given_names": "გიორგი",
        "surname_latin": "BERIDZE",
        "given_names_latin": "GIORGI",
        "birth_date": "1976",
        "sex": "M",
        "nationality": "GEO",
        "document_numbers": ["13AB45670"],
        "reason": "Wanted by an interstate search notice.",
        "valid_from": "2025-06-01",
        "valid_until": None,
    },
]


@simulator("border", "restrictions/list")
def border_restrictions(data: dict[str, Any]) -> Reply:
    return Reply({"restrictions": RESTRICTIONS})


@simulator("internal-affairs", "criminal-record")
def criminal_record(data: dict[str, Any]) -> Reply:
    document = _field(data, "document_number")
    _field(data, "surname")
    if document.endswith(DOWN):
        return _down()
    return Reply(
        {"has_record": document.endswith(BAN_OR_RECORD), "certificate_number": f"CR-{document}"}
    )


@simulator("health", "medical-certificate")
def medical_certificate(data: dict[str, Any]) -> Reply:
    document = _field(data, "document_number")
    if document.endswith(DOWN):
        return _down()
    if document.endswith(NO_CERTIFICATE):
        return Reply({"valid": False, "certificate_number": "", "valid_until": None})
    until = timezone.localdate() + timedelta(days=180)
    return Reply(
        {"valid": True, "certificate_number": f"MC-{document}", "valid_until": until.isoformat()}
    )


@simulator("payment", "duties/status")
def duty_status(data: dict[str, Any]) -> Reply:
    payment = SimulatedPayment.objects.filter(reference=_field(data, "reference")).first()
    if payment is None:
        return Reply({"paid": False, "amount_azn": None, "paid_on": None})
    return Reply(
        {
            "paid": True,
            "amount_azn": str(payment.amount_azn),
            "paid_on": timezone.localdate(payment.paid_at).isoformat(),
        }
    )


@csrf_exempt
@require_POST
def make_payment(request: HttpRequest) -> JsonResponse:
    """The applicant paying at the gateway (not a message of the exchange: no envelope)."""
    try:
        data = _body(request.body)
        reference = _field(data, "reference")
        try:
            amount = Decimal(str(data.get("amount_azn", "0")))
        except InvalidOperation as exc:
            raise BadRequest("amount_azn is not a number") from exc
    except BadRequest as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    payment, created = SimulatedPayment.objects.get_or_create(
        reference=reference, defaults={"amount_azn": amount}
    )
    return JsonResponse(
        {"reference": payment.reference, "amount_azn": str(payment.amount_azn)},
        status=201 if created else 200,
    )
