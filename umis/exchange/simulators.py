"""Simulators of the state systems: the same HTTP interface, deterministic answers.

Mounted under ``/simulators/<system>/`` only when ``settings.UMIS_SIMULATORS`` is on (the
demo profile and tests; never in production). Answers follow from the request, so the demo
and the tests can call up each outcome. By the LAST CHARACTER of the travel document number:

====  =====================================================================
 0    border: a travel ban; internal affairs: a criminal record
 1    health: no valid medical certificate
 6    border: the entry is recorded 5 days after the arrival date given
 7    border, internal affairs, health: the system is down (HTTP 503)
 9    border: no entry recorded for this document
else  entered on the arrival date given (or 30 days ago); no ban, no record,
      a valid medical certificate
====  =====================================================================

Payment gateway: a duty is paid once a payment with its reference (the application
number) has been made at ``POST /simulators/payment/payments``
(``{"reference": ..., "amount_azn": ...}``); until then it is unpaid.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from umis.exchange.models import SimulatedPayment

BAN_OR_RECORD = "0"
NO_CERTIFICATE = "1"
LATE_ENTRY = "6"
DOWN = "7"
NO_ENTRY = "9"
LATE_ENTRY_DAYS = 5
BORDER_POINT = "Heydar Aliyev International Airport"


class BadRequest(Exception):
    pass


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
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


def simulator(view):
    """POST only, JSON in and out, no CSRF (machine-to-machine), 400 on a bad request."""

    @csrf_exempt
    @require_POST
    def wrapped(request: HttpRequest) -> JsonResponse:
        try:
            return view(_body(request))
        except BadRequest as exc:
            return JsonResponse({"error": str(exc)}, status=400)

    wrapped.__name__ = view.__name__
    return wrapped


def _down() -> JsonResponse:
    return JsonResponse({"error": "service unavailable"}, status=503)


@simulator
def border_crossings(data: dict[str, Any]) -> JsonResponse:
    document = _field(data, "document_number")
    arrival = _date(data, "arrival_date") or timezone.localdate() - timedelta(days=30)
    if document.endswith(DOWN):
        return _down()
    crossings = []
    if not document.endswith(NO_ENTRY):
        entered = arrival + timedelta(days=LATE_ENTRY_DAYS if document.endswith(LATE_ENTRY) else 0)
        crossings.append(
            {"date": entered.isoformat(), "direction": "in", "border_point": BORDER_POINT}
        )
    return JsonResponse({"crossings": crossings, "travel_ban": document.endswith(BAN_OR_RECORD)})


@simulator
def criminal_record(data: dict[str, Any]) -> JsonResponse:
    document = _field(data, "document_number")
    _field(data, "surname")
    if document.endswith(DOWN):
        return _down()
    return JsonResponse(
        {"has_record": document.endswith(BAN_OR_RECORD), "certificate_number": f"CR-{document}"}
    )


@simulator
def medical_certificate(data: dict[str, Any]) -> JsonResponse:
    document = _field(data, "document_number")
    if document.endswith(DOWN):
        return _down()
    if document.endswith(NO_CERTIFICATE):
        return JsonResponse({"valid": False, "certificate_number": "", "valid_until": None})
    until = timezone.localdate() + timedelta(days=180)
    return JsonResponse(
        {"valid": True, "certificate_number": f"MC-{document}", "valid_until": until.isoformat()}
    )


@simulator
def duty_status(data: dict[str, Any]) -> JsonResponse:
    payment = SimulatedPayment.objects.filter(reference=_field(data, "reference")).first()
    if payment is None:
        return JsonResponse({"paid": False, "amount_azn": None, "paid_on": None})
    return JsonResponse(
        {
            "paid": True,
            "amount_azn": str(payment.amount_azn),
            "paid_on": timezone.localdate(payment.paid_at).isoformat(),
        }
    )


@simulator
def make_payment(data: dict[str, Any]) -> JsonResponse:
    reference = _field(data, "reference")
    try:
        amount = Decimal(str(data.get("amount_azn", "0")))
    except InvalidOperation as exc:
        raise BadRequest("amount_azn is not a number") from exc
    payment, created = SimulatedPayment.objects.get_or_create(
        reference=reference, defaults={"amount_azn": amount}
    )
    return JsonResponse(
        {"reference": payment.reference, "amount_azn": str(payment.amount_azn)},
        status=201 if created else 200,
    )
