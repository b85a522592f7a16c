"""What other state systems push to UMIS, at /api/v1/exchange/<system>/<operation>.

Machine to machine: the signed envelope is the authentication (a member and key of the
trust registry, the member allowed to send that message), checked by
``umis.exchange.inbound`` before anything is read; the answer is signed by UMIS. No
session, no cookie, so no CSRF token either.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from umis.border.push import EXAMPLE as BORDER_PUSH_EXAMPLE
from umis.border.push import PUSH_OPERATION as BORDER_PUSH_OPERATION
from umis.border.push import SYSTEM as BORDER
from umis.border.push import CrossingsPush, border_crossings_push_land
from umis.exchange.adapters.state_security import PUSH_OPERATION, VettingResultPush
from umis.exchange.adapters.state_security import SYSTEM as SECURITY
from umis.exchange.envelope import RequestEnvelope
from umis.exchange.handover import OPERATION as HANDOVER_OPERATION
from umis.exchange.handover import SYSTEM as EGOV
from umis.exchange.handover import (
    ApplicationHandover,
    egov_handover_receive,
    egov_handover_replay,
)
from umis.exchange.inbound import Handled, inbound_receive
from umis.exchange.models import MessageOutcome

router = Router(tags=["exchange: pushed by state systems"], auth=None)

PUSH_DESCRIPTION = (
    "The body is JSON in a signed envelope (X-Road-* and X-UMIS-* headers, Ed25519 over "
    "the envelope and the body's SHA-256); the answer comes in UMIS's signed envelope. "
    "A bad or unknown signature, a sender not allowed, a stale time or a replayed message "
    "id is refused (401, 400, 409) with the reason's code, and logged."
)


def _land_vetting(envelope: RequestEnvelope, push: VettingResultPush) -> Handled:
    from umis.cases.vetting import security_vetting_land

    landed = security_vetting_land(
        ticket=push.ticket, result=push.result, decided_on=push.decided_on, via="push"
    )
    summary = {"ticket": push.ticket, "landing": landed}
    if landed == "unknown":
        return Handled(
            status=404,
            data={"status": "unknown_ticket"},
            summary=summary,
            outcome=MessageOutcome.REFUSED,
            error="no vetting has this ticket",
        )
    return Handled(status=200, data={"status": landed}, summary=summary)


@router.post(
    f"/{SECURITY}/{PUSH_OPERATION}",
    summary="State security pushes a vetting result",
    description=PUSH_DESCRIPTION
    + " A result that has landed already (by poll or an earlier push) changes nothing: "
    "the answer's status says `already`.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": VettingResultPush.model_json_schema(),
                    "example": {
                        "ticket": "SV-4F1A0C92B7DE",
                        "result": "clear",
                        "decided_on": "2026-12-02",
                    },
                }
            },
        }
    },
)
def vetting_result_push(request: HttpRequest) -> HttpResponse:
    return inbound_receive(
        request,
        system=SECURITY,
        operation=PUSH_OPERATION,
        schema=VettingResultPush,
        handle=_land_vetting,
    )


HANDOVER_EXAMPLE = {
    "service_code": "trp-issue",
    "applicant": {
        "subject": "3f9c2a7e51b04d6c8e2f1a9b7c6d5e4f",
        "given_names": "Mohammad Reza",
        "surname": "Rezaei",
        "email": "m.rezaei@example.org",
        "email_verified": True,
        "birth_date": "1988-04-17",
        "nationality": "IRN",
        "document_number": "P12345678",
    },
    "form_data": {
        "surname": "Rezaei",
        "given_names": "Mohammad Reza",
        "birth_date": "1988-04-17",
        "sex": "M",
        "nationality": "IRN",
        "document_number": "P12345678",
        "address": "Nizami street 5, apt. 12",
        "district": "gusar",
        "grounds": "family",
        "period": "12m",
        "fee_tier": "standard",
        "current_stay_end": "2027-03-01",
    },
}


@router.post(
    f"/{EGOV}/{HANDOVER_OPERATION}",
    summary="The e-government portal hands over an application",
    description=PUSH_DESCRIPTION
    + " The form is checked against the service's schema and the application is created and "
    "submitted as the applicant's (the account linked to the portal's subject, or a new one "
    "made from the portal's identity): 201 with a receipt naming the application number. A "
    "form that does not pass: 422 with one message per field, nothing kept. The same message "
    "again gets the same receipt, never a second application.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": ApplicationHandover.model_json_schema(),
                    "example": HANDOVER_EXAMPLE,
                }
            },
        }
    },
)
def application_handover(request: HttpRequest) -> HttpResponse:
    return inbound_receive(
        request,
        system=EGOV,
        operation=HANDOVER_OPERATION,
        schema=ApplicationHandover,
        handle=lambda envelope, handover: egov_handover_receive(
            request=request, envelope=envelope, handover=handover
        ),
        replay=egov_handover_replay,
    )


@router.post(
    f"/{BORDER}/{BORDER_PUSH_OPERATION}",
    summary="The border system pushes crossings",
    description=PUSH_DESCRIPTION
    + " Each crossing is stored once by its id, whether it came by this push or by the feed "
    "UMIS pulls, linked to a person's file when the match is sure and screened against the "
    "watch list; the answer counts the crossings stored and those already stored.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": CrossingsPush.model_json_schema(),
                    "example": BORDER_PUSH_EXAMPLE,
                }
            },
        }
    },
)
def border_crossings_push(request: HttpRequest) -> HttpResponse:
    return inbound_receive(
        request,
        system=BORDER,
        operation=BORDER_PUSH_OPERATION,
        schema=CrossingsPush,
        handle=border_crossings_push_land,
    )
