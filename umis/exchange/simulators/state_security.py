"""State security: vetting requests acknowledged with a ticket, answered after a delay.

The answer comes ``UMIS_SIMULATOR_VETTING_DELAY_SECONDS`` after the request (two minutes
in the demo), by poll or, for documents that call for it, pushed to UMIS as the real
system may (a task the worker runs, signed with this system's demo key, sent to
``umis_push_url``). One request per reference: asking again gives the same
ticket. The outcome follows the document number's last character (see the package).
"""

from __future__ import annotations

import logging
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from umis.exchange.envelope import RequestEnvelope, canonical_json, sha256_hex, sign, timestamp_now
from umis.exchange.members import member_of, own_member, simulator_key
from umis.exchange.models import SimulatedVetting
from umis.exchange.simulators.base import (
    BAN_OR_RECORD,
    DOWN,
    BadRequest,
    Reply,
    date_field,
    down,
    simulator,
    text_field,
    umis_push_url,
)
from umis.exchange.transport import TransportError, get_transport

logger = logging.getLogger(__name__)

SYSTEM = "state-security"
NEVER_ANSWERS = "2"
CLEAR_AT_ONCE = "5"
PUSHES = "8"
PUSH_OPERATION = "vetting-results"
PUSH_RETRY_SECONDS = 30
PUSH_ATTEMPTS = 20

MODES = {
    BAN_OR_RECORD: "objection",
    NEVER_ANSWERS: "never",
    CLEAR_AT_ONCE: "at_once",
    PUSHES: "push",
}


def _delay() -> timedelta:
    return timedelta(seconds=settings.UMIS_SIMULATOR_VETTING_DELAY_SECONDS)


def _answer_due(vetting: SimulatedVetting):
    return vetting.requested_at + (timedelta(0) if vetting.mode == "at_once" else _delay())


def _result(vetting: SimulatedVetting) -> dict[str, Any]:
    due = _answer_due(vetting)
    if vetting.mode in {"never", "push"} or timezone.now() < due:
        return {"status": "pending", "decided_on": None}
    status = "objection" if vetting.mode == "objection" else "clear"
    return {"status": status, "decided_on": timezone.localdate(due).isoformat()}


@simulator(SYSTEM, "vetting/request")
def vetting_request(data: dict[str, Any]) -> Reply:
    document = text_field(data, "document_number")
    text_field(data, "surname")
    text_field(data, "nationality")
    if date_field(data, "birth_date") is None:
        raise BadRequest("birth_date is required")
    reference = text_field(data, "reference")
    if document.endswith(DOWN):
        return down()
    vetting, created = SimulatedVetting.objects.get_or_create(
        reference=reference,
        defaults={
            "ticket": f"SV-{secrets.token_hex(6).upper()}",
            "mode": MODES.get(document[-1], "clear"),
        },
    )
    if created and vetting.mode == "push":
        push_vetting_result.using(run_after=_answer_due(vetting)).enqueue(vetting.ticket, 1)
    return Reply({"ticket": vetting.ticket})


@simulator(SYSTEM, "vetting/result")
def vetting_result(data: dict[str, Any]) -> Reply:
    vetting = SimulatedVetting.objects.filter(ticket=text_field(data, "ticket")).first()
    if vetting is None:
        return Reply({"error": "unknown ticket"}, 404)
    return Reply(_result(vetting))


def push_request(vetting: SimulatedVetting) -> tuple[bytes, dict[str, str]]:
    """The signed push of a vetting's result (no objection), as the system sends it."""
    body = canonical_json(
        {
            "ticket": vetting.ticket,
            "result": "clear",
            "decided_on": timezone.localdate(_answer_due(vetting)).isoformat(),
        }
    )
    key = simulator_key(SYSTEM)
    envelope = RequestEnvelope(
        message_id=str(uuid.uuid4()),
        client=member_of(SYSTEM),
        service=own_member(),
        operation=PUSH_OPERATION,
        user_id="system",
        issue=vetting.reference,
        purpose="security-vetting",
        timestamp=timestamp_now(),
        body_hash=sha256_hex(body),
        key_id=key.key_id,
    )
    return body, envelope.headers(sign(key.private, envelope.canonical()))


@task()
def push_vetting_result(ticket: str, attempt: int) -> str:
    """Push one result to UMIS; try again later while UMIS cannot be reached."""
    vetting = SimulatedVetting.objects.filter(ticket=ticket).first()
    if vetting is None or vetting.pushed_at is not None:
        return "nothing to push"
    body, headers = push_request(vetting)
    url = umis_push_url(f"{SYSTEM}/{PUSH_OPERATION}")
    try:
        reply = get_transport().post(url, body, headers=headers, timeout=10.0)
        status = reply.status
    except TransportError as exc:
        logger.info("Vetting push %s: UMIS not reached (%s)", ticket, exc)
        status = 0
    if 200 <= status < 300:
        SimulatedVetting.objects.filter(pk=vetting.pk).update(pushed_at=timezone.now())
        return "pushed"
    if (status == 0 or status >= 500) and attempt < PUSH_ATTEMPTS:
        later = timezone.now() + timedelta(seconds=PUSH_RETRY_SECONDS)
        push_vetting_result.using(run_after=later).enqueue(ticket, attempt + 1)
        return "retry"
    return f"refused ({status})"
