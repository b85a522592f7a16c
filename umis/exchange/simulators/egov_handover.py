"""The e-government portal handing an application over to UMIS, as the portal would.

The portal verified who the applicant is and collected the form; it sends both to UMIS in
a signed envelope (``POST /api/v1/exchange/egov/applications``) signed with the portal's
own demo key, and reads UMIS's signed receipt. ``manage.py egov_handover`` sends one for
the demo. Sample forms exist for the two services of the demo; any other form can be given
whole.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from umis.exchange.envelope import (
    RequestEnvelope,
    ResponseEnvelope,
    canonical_json,
    sha256_hex,
    sign,
    timestamp_now,
    verifies,
)
from umis.exchange.members import member_of, own_member, public_key, simulator_key
from umis.exchange.simulators.base import umis_push_url
from umis.exchange.transport import get_transport

SYSTEM = "egov"
OPERATION = "applications"

# The person the portal vouches for when the sign-in simulator knows nobody (no demo
# population seeded): a made-up identity.
FALLBACK_APPLICANT = {
    "subject": "egov-demo-0001",
    "given_names": "Aylin",
    "surname": "Yilmaz",
    "email": "aylin.yilmaz@demo.umis.example",
    "email_verified": True,
    "birth_date": "1991-06-02",
    "nationality": "TUR",
    "document_number": "U28461391",
}


def portal_applicant(key: str | None = None) -> dict[str, Any]:
    """The identity the portal vouches for: one of the people its sign-in simulator knows
    (``egov_people``: the same subject identifiers as single sign-on, so the application
    lands in the account that person signs in with), the first with a document unless
    ``key`` names one; the fallback when there is nobody."""
    from umis.exchange.simulators.egov_people import portal_people, portal_person

    people = [portal_person(key)] if key else portal_people()
    for person in people:
        if person is None or person.document is None or len(person.birthdate) != 10:
            continue
        return {
            "_key": person.key,  # not sent: which simulated person this is
            "subject": person.subject,
            "given_names": person.given_name,
            "surname": person.family_name,
            "email": person.email,
            "email_verified": True,
            "birth_date": person.birthdate,
            "nationality": person.nationality,
            "document_number": person.document["number"],
            **({"fin": person.fin} if person.fin else {}),
        }
    if key:
        raise ValueError(
            _("The portal knows no person %(key)r with a document and a birth date.") % {"key": key}
        )
    return dict(FALLBACK_APPLICANT)


def sex_of(applicant: dict[str, Any]) -> str:
    """The sex of the registry's person behind a portal person (the portal does not say)."""
    from umis.people.models import Person

    key = applicant.get("_key", "")
    person = Person.objects.filter(pk=int(key[1:])).first() if key[1:].isdigit() else None
    return person.sex if person is not None else "X"


def sample_form(service_code: str, applicant: dict[str, Any]) -> dict[str, Any]:
    """A form of ``service_code`` that passes its checks today, about ``applicant``."""
    today = timezone.localdate()
    subject = {
        "surname": applicant["surname"],
        "given_names": applicant["given_names"],
        "birth_date": applicant["birth_date"],
        "sex": sex_of(applicant),
        "nationality": applicant["nationality"],
        "document_number": applicant["document_number"],
    }
    if service_code == "trp-issue":
        return {
            **subject,
            "address": "Heydar Aliyev avenue 31, apt. 7, Gusar",
            "district": "gusar",
            "grounds": "family",
            "period": "12m",
            "fee_tier": "standard",
            "current_stay_end": str(today + timedelta(days=80)),
        }
    if service_code == "stay-registration":
        return {
            **subject,
            "address": "Heydar Aliyev avenue 12, apt. 4",
            "district": "gusar",
            "arrival_date": str(today - timedelta(days=3)),
            "stay_until": str(today + timedelta(days=40)),
            "host_kind": "citizen",
            "host_identifier": "5ABC7DE",
            "reason": "first",
            "moved_on": "",
        }
    raise ValueError(
        _("There is no sample form of %(service)r: give the whole form (--form).")
        % {"service": service_code}
    )


@dataclass(frozen=True)
class HandoverMessage:
    message_id: str
    body: bytes
    headers: dict[str, str]


def handover_message(
    *,
    service_code: str,
    applicant: dict[str, Any],
    form_data: dict[str, Any],
    message_id: str | None = None,
    reference: str = "",
) -> HandoverMessage:
    """The hand-over as the portal signs it (``reference``: the portal's own)."""
    sent = {name: value for name, value in applicant.items() if not name.startswith("_")}
    body = canonical_json({"service_code": service_code, "applicant": sent, "form_data": form_data})
    key = simulator_key(SYSTEM)
    envelope = RequestEnvelope(
        message_id=message_id or str(uuid.uuid4()),
        client=member_of(SYSTEM),
        service=own_member(),
        operation=OPERATION,
        user_id="portal",  # the applicant is in the body; the log keeps no one's id
        issue=reference or f"EGOV-{uuid.uuid4().hex[:12].upper()}",
        purpose="application-handover",
        timestamp=timestamp_now(),
        body_hash=sha256_hex(body),
        key_id=key.key_id,
    )
    headers = envelope.headers(sign(key.private, envelope.canonical()))
    return HandoverMessage(envelope.message_id, body, headers)


@dataclass(frozen=True)
class Receipt:
    status: int
    data: dict[str, Any]
    signed_by_umis: bool


def hand_over(message: HandoverMessage) -> Receipt:
    """Send the hand-over to UMIS; its answer, and whether UMIS's signature holds."""
    url = umis_push_url(f"{SYSTEM}/{OPERATION}")
    reply = get_transport().post(url, message.body, headers=message.headers, timeout=30.0)
    try:
        data = json.loads(reply.body or b"{}")
    except ValueError:
        data = {
            "error": {"code": "unreadable", "detail": reply.body[:200].decode("utf-8", "replace")}
        }
    try:
        envelope, signature = ResponseEnvelope.from_headers(
            reply.headers, status=reply.status, body=reply.body
        )
        key = public_key(envelope.service, envelope.key_id)
        signed = envelope.message_id == message.message_id and verifies(
            key, envelope.canonical(), signature
        )
    except (ValueError, LookupError):
        signed = False
    return Receipt(reply.status, data, signed)
