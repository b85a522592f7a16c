"""The permit verifier as an API: POST /api/v1/verify, for employers', banks' and landlords'
systems. The same check as the page; the code travels in a JSON body ``{"code": "UMIS1:..."}``
(it carries a name and a birth date, which must not land in access logs). Every outcome,
malformed input included, answers 200 with the outcome in the body: the check worked,
whatever it found."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from umis.permits import verify_words
from umis.permits.payload import verify_payload
from umis.permits.verify_forms import FIELD_MAX
from umis.permits.verify_online import verify_with_online_line

router = Router(tags=["permit verification"])

EXAMPLE_PAYLOAD = (
    "UMIS1:NCFOXN%TSMAHO.J%N4MHP0IQ4 O2$E/V8HK9BU6S45 03W11/KL926MI2Z$U2O8/D0I$H:ZH9UEON1"
)


class VerifyIn(Schema):
    code: str = Field(
        ..., min_length=1, max_length=FIELD_MAX, description="The text of the QR code"
    )
    online: bool = Field(
        True,
        description="False: the signature check alone, with no look-up in the register "
        "(nothing about the check is recorded); `online` is then null in the answer",
    )

    model_config = {"json_schema_extra": {"examples": [{"code": EXAMPLE_PAYLOAD}]}}


class VerifiedPermit(Schema):
    number: str
    type: str = Field(..., description="trp, prp, wp, reg or ext")
    type_label: str
    surname: str
    given_names: str
    birth_date: str = Field(
        ..., description="YYYY-MM-DD, or YYYY-MM / YYYY when only that is known"
    )
    valid_from: date
    valid_to: date
    issued_at: datetime
    issuer: str


class OnlineOut(Schema):
    checked: bool = Field(..., description="False when the register was not asked (see message)")
    status: str | None = Field(
        None,
        description="The permit's status in the register now: active, expired, cancelled, "
        "revoked or replaced; null when it has no permit with this number or was not asked",
    )
    message: str


class VerifyOut(Schema):
    outcome: str = Field(..., description="valid, invalid, expired, not_yet_valid or malformed")
    reason: str = Field(
        ...,
        description=(
            "Why it is not valid: unknown_key, bad_signature, altered, unsupported; for "
            "malformed: empty, too_long, not_ours, not_base45, truncated, not_zlib, not_cbor, "
            "not_cose, bad_claims. Empty when the signature holds."
        ),
    )
    message: str
    explanation: str
    key_id: str
    permit: VerifiedPermit | None = Field(
        None, description="What the permit says; only when its signature holds"
    )
    online: OnlineOut | None = Field(
        None,
        description="What the register says now (revoked, cancelled, replaced...); only when "
        "the signature holds",
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "outcome": "valid",
                    "reason": "",
                    "message": "Valid: this permit was issued by the State Migration Service "
                    "and is in force.",
                    "explanation": "",
                    "key_id": "e251541e",
                    "permit": {
                        "number": "TRP-2026-000123",
                        "type": "trp",
                        "type_label": "Temporary residence permit",
                        "surname": "MAMMADOV",
                        "given_names": "ALI",
                        "birth_date": "1988-04-17",
                        "valid_from": "2026-05-01",
                        "valid_to": "2027-04-30",
                        "issued_at": "2026-05-01T05:00:00Z",
                        "issuer": "AZ-DMX",
                    },
                    "online": {
                        "checked": True,
                        "status": "revoked",
                        "message": "The Service's register shows that this permit has since "
                        "been revoked. Do not accept it.",
                    },
                },
                {
                    "outcome": "invalid",
                    "reason": "bad_signature",
                    "message": "Not valid: do not accept this permit.",
                    "explanation": "Its contents do not match the Service's signature: the "
                    "code has been altered or forged since it was issued.",
                    "key_id": "e251541e",
                    "permit": None,
                    "online": None,
                },
            ]
        }
    }


@router.post(
    "",
    response=VerifyOut,
    auth=None,
    summary="Verify a permit's QR code",
    description=(
        "Checks the signed payload of a permit's QR code against the Service's published "
        "keys (/.well-known/jwks.json), offline: valid, invalid (altered, forged or signed "
        "with an unknown key), expired, not yet valid, or malformed. The permit's fields "
        "are returned only when the signature holds, and then the register is asked for its "
        "status now (revoked, cancelled, replaced): that online look-up is limited per "
        "client address and audited with the permit number only. With online=false the "
        "signature check alone is made, as a scanner with no connection would."
    ),
)
def verify(request: HttpRequest, body: VerifyIn) -> dict:
    if body.online:
        verification, online = verify_with_online_line(
            body.code, request=request, now=timezone.now()
        )
    else:
        verification, online = verify_payload(body.code, now=timezone.now()), None
    described = verify_words.described(verification, online)
    claims = verification.claims
    return {
        "outcome": verification.outcome.value,
        "reason": verification.reason.value,
        "message": described["headline"],
        "explanation": described["explanation"],
        "key_id": verification.key_id,
        "permit": None
        if claims is None
        else {
            "number": claims.number,
            "type": claims.permit_type,
            "type_label": described["type_label"],
            "surname": claims.surname,
            "given_names": claims.given_names,
            "birth_date": claims.birth_date,
            "valid_from": claims.valid_from,
            "valid_to": claims.valid_to,
            "issued_at": claims.issued_at,
            "issuer": claims.issuer,
        },
        "online": None
        if online is None
        else {
            "checked": online.checked,
            "status": online.status,
            "message": described["online"],
        },
    }
