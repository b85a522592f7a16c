"""Applications the e-government portal hands over to UMIS.

The portal verified who the applicant is and collected the form; it pushes both in a
signed envelope (received by ``umis.exchange.inbound``: signature, sender, time, message
id, schema). Here the form is checked against the service's own schema and the application
is created and submitted as the applicant's, by the same service the applicants' API uses
(``application_apply_online``). The answer is a receipt with the application number; a
form that does not pass is answered with one message per field (422) and nothing is kept
but the log entry. The same message again (a portal retrying after a lost answer) gets the
same receipt and never a second application.

The applicant's account is the one linked to the portal's subject identifier (single
sign-on links it); a person the portal vouches for who has no account gets one, made from
the portal's identity, as single sign-on would make it. An account with the same e-mail
that is not linked is never taken over: the hand-over is refused until its holder links it
by signing in through the portal once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from pydantic import BaseModel, ConfigDict, Field

from umis.cases.intake import application_apply_online
from umis.core.errors import DomainError
from umis.exchange.envelope import RequestEnvelope
from umis.exchange.inbound import Handled
from umis.exchange.models import EgovHandover, MessageOutcome
from umis.portal.handover_accounts import portal_account_for_handover

SYSTEM = "egov"
OPERATION = "applications"


class PortalApplicant(BaseModel):
    """The applicant as the portal verified them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str = Field(pattern=r"^[A-Za-z0-9._:@-]{1,255}$")
    given_names: str = Field(min_length=1, max_length=150)
    surname: str = Field(min_length=1, max_length=150)
    email: str = Field(pattern=r"^[^@\s]{1,64}@[^@\s]{1,100}\.[^@\s]{1,20}$", max_length=150)
    email_verified: bool
    birth_date: date | None = None
    nationality: str = Field("", max_length=3)
    document_number: str = Field("", max_length=32)
    fin: str = Field("", max_length=7)


class ApplicationHandover(BaseModel):
    """The body of a hand-over: the service, the applicant, the form as the portal has it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    service_code: str = Field(min_length=1, max_length=64)
    applicant: PortalApplicant
    form_data: dict[str, Any]
    district: str | None = Field(None, max_length=40)


def _receipt(handover: EgovHandover) -> Handled:
    application = handover.application
    data = {
        "receipt": "received",
        "application_number": application.number,
        "service_code": application.service_code,
        "submitted_at": application.submitted_at.isoformat() if application.submitted_at else None,
    }
    summary = {"service_code": application.service_code, "application": application.number}
    return Handled(status=201, data=data, summary=summary)


def _refused(exc: DomainError, service_code: str) -> Handled:
    fields = dict(exc.fields)
    data = {"error": {"code": exc.code, "message": str(exc.message), "fields": fields}}
    # Which fields, never their values: the log holds no personal data.
    error = f"{exc.code}: " + ", ".join(sorted(fields)) if fields else exc.code
    return Handled(
        status=exc.status if exc.status < 500 else 422,
        data=data,
        summary={"service_code": service_code},
        outcome=MessageOutcome.REFUSED,
        error=error,
    )


def egov_handover_receive(
    *, request: HttpRequest, envelope: RequestEnvelope, handover: ApplicationHandover
) -> Handled:
    """Create and submit the handed-over application (inside the push's transaction)."""
    try:
        with transaction.atomic():  # a refusal keeps nothing, not even a new account
            applicant = portal_account_for_handover(
                request=request, identity=handover.applicant.model_dump()
            )
            application, _code = application_apply_online(
                applicant=applicant,
                service_code=handover.service_code,
                form_data=handover.form_data,
                submit=True,
                district_code=handover.district,
                request=request,
            )
            record = EgovHandover.objects.create(
                message_id=envelope.message_id,
                body_hash=envelope.body_hash,
                application=application,
            )
    except DomainError as exc:  # the form's fields, the service, the account: refused
        return _refused(exc, handover.service_code)
    return _receipt(record)


def egov_handover_replay(envelope: RequestEnvelope) -> Handled | None:
    """The first receipt again for the same message (same id, same body); None otherwise."""
    record = (
        EgovHandover.objects.select_related("application")
        .filter(message_id=envelope.message_id, body_hash=envelope.body_hash)
        .first()
    )
    return _receipt(record) if record is not None else None
