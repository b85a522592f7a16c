"""The payment gateway: state duties paid against an application's reference."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from umis.exchange.models import SimulatedPayment
from umis.exchange.simulators.base import BadRequest, Reply, body_of, simulator, text_field


@simulator("payment", "duties/status")
def duty_status(data: dict[str, Any]) -> Reply:
    payment = SimulatedPayment.objects.filter(reference=text_field(data, "reference")).first()
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
        data = body_of(request.body)
        reference = text_field(data, "reference")
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
