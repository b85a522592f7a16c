"""The signed payload a permit's QR code carries, and its offline verification.

Format: the layout of the EU digital COVID certificate, which has been read by millions of
phones and border scanners, built from open standards::

    "UMIS1:" + base45( zlib( COSE_Sign1( CBOR claims ) ) )

- **CBOR** (RFC 8949) claims: compact binary, with a CWT-style map (RFC 8392).
- **COSE_Sign1** (RFC 9052, CBOR tag 18) signed with **Ed25519** (``alg`` EdDSA, -8): a
  64-byte signature and a 32-byte key, the smallest of the common choices, deterministic,
  with no parameters to get wrong. The key id (``kid``, label 4) and the algorithm sit in
  the *protected* header, so they are covered by the signature. Verifiers find the public
  key by its id in the JWKS at ``/.well-known/jwks.json``.
- **zlib** shortens the repeated structure; **base45** (RFC 9285) writes the bytes in the
  45 characters of the QR code's alphanumeric mode, which packs 5.5 bits per character
  (base64 would force the larger byte mode). The prefix ``UMIS1:`` is alphanumeric too,
  says whose code it is and which version of this layout; a new layout gets a new prefix.

A compact JWS was the alternative; it needs the byte mode (base64url with ``.``) and JSON
is larger, so the same permit would need a denser QR code.

Claims (keys kept short because every byte is printed; ints are the registered CWT ones):

=======  ===========================================  ===================================
key      meaning                                      CBOR type
=======  ===========================================  ===================================
1        issuer (CWT ``iss``), e.g. ``AZ-DMX``         text
6        issued at (CWT ``iat``), seconds since 1970   unsigned int
``n``    permit number                                text
``t``    permit type: ``trp``, ``prp``, ``wp``,        text
         ``reg`` or ``ext`` (``PERMIT_TYPES``)
``sn``   holder's surname (Latin form)                text
``gn``   holder's given names (Latin form)            text
``dob``  birth date ``YYYY-MM-DD`` (or ``YYYY``,       text
         ``YYYY-MM`` when only that is known)
``vf``   valid from, ``YYYY-MM-DD``                   text
``vt``   valid to (last day), ``YYYY-MM-DD``          text
=======  ===========================================  ===================================

Validity dates are days in the Service's time zone: a permit is valid through the end of
its last day there. Verification needs no database, only the published public keys, and
never raises: every input gets a ``Verification`` with an outcome and a reason.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

import cbor2
from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.utils import timezone

from umis.permits.base45 import Base45Error, b45decode, b45encode
from umis.permits.signing import KID, keyring, public_key

logger = logging.getLogger(__name__)

PREFIX = "UMIS1:"
# The most a QR code holds in alphanumeric mode (version 40, level L): anything longer
# cannot have come from one of ours.
MAX_TEXT = 4296
# The most a decompressed payload may take: a few times any real one, far below a bomb.
MAX_COSE_BYTES = 8192
COSE_SIGN1_TAG = 18
ALG_EDDSA = -8
HEADER_ALG, HEADER_CRIT, HEADER_KID = 1, 2, 4
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The permit types a payload names: part of the format, so independent of how the
# register's tables name them. temporary / permanent residence permit, work permit,
# registration at the place of stay, stay-extension decision.
PERMIT_TYPES = ("trp", "prp", "wp", "reg", "ext")
# Scanners and copying add line breaks and tabs; base45 has none, so they are dropped.
_BREAKS = str.maketrans("", "", "\r\n\t")


class Outcome(StrEnum):
    VALID = "valid"
    INVALID = "invalid"  # altered, or signed by no published key
    EXPIRED = "expired"  # genuine, past its last day
    NOT_YET_VALID = "not_yet_valid"  # genuine, before its first day
    MALFORMED = "malformed"  # not a (complete) permit code at all


class Reason(StrEnum):
    NONE = ""
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_OURS = "not_ours"  # no UMIS1: prefix
    NOT_BASE45 = "not_base45"
    TRUNCATED = "truncated"
    NOT_ZLIB = "not_zlib"
    NOT_CBOR = "not_cbor"
    NOT_COSE = "not_cose"
    BAD_CLAIMS = "bad_claims"
    ALTERED = "altered"  # the compressed data no longer checks out
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_KEY = "unknown_key"
    UNSUPPORTED = "unsupported"  # another algorithm, or critical headers we do not know
    UNREADABLE = "unreadable"  # anything else (never expected)


@dataclass(frozen=True)
class PermitClaims:
    number: str
    permit_type: str
    surname: str
    given_names: str
    birth_date: str
    valid_from: date
    valid_to: date
    issued_at: datetime
    issuer: str = ""


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    reason: Reason = Reason.NONE
    claims: PermitClaims | None = None
    key_id: str = ""

    @property
    def signature_holds(self) -> bool:
        """The payload is genuine (whatever its dates say); its fields can be shown."""
        return self.claims is not None

    @property
    def is_valid(self) -> bool:
        return self.outcome == Outcome.VALID


# --- Signing -----------------------------------------------------------------------------------


def _claims_map(claims: PermitClaims) -> dict:
    birth = claims.birth_date
    birth = birth.isoformat() if isinstance(birth, date) else str(birth)
    if not _DATE.match(birth):
        raise ValueError("birth_date must be YYYY-MM-DD, YYYY-MM or YYYY")
    if claims.permit_type not in PERMIT_TYPES:
        raise ValueError(f"permit_type must be one of {PERMIT_TYPES}")
    if claims.valid_to < claims.valid_from:
        raise ValueError("valid_to is before valid_from")
    return {
        1: claims.issuer or settings.UMIS_PERMIT_ISSUER,
        6: int(claims.issued_at.timestamp()),
        "n": claims.number,
        "t": claims.permit_type,
        "sn": claims.surname,
        "gn": claims.given_names,
        "dob": birth,
        "vf": claims.valid_from.isoformat(),
        "vt": claims.valid_to.isoformat(),
    }


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def sign_permit_payload(claims: PermitClaims) -> str:
    """The text for the permit's QR code, signed with the active key."""
    kid, key = keyring().active_key()
    protected = cbor2.dumps({HEADER_ALG: ALG_EDDSA, HEADER_KID: kid.encode()}, canonical=True)
    payload = cbor2.dumps(_claims_map(claims), canonical=True)
    signature = key.sign(_sig_structure(protected, payload))
    cose = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))
    return PREFIX + b45encode(zlib.compress(cose, 9))


# --- Verification ------------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, outcome: Outcome, reason: Reason, key_id: str = "") -> None:
        super().__init__(reason)
        self.verification = Verification(outcome=outcome, reason=reason, key_id=key_id)


def _malformed(reason: Reason) -> _Refused:
    return _Refused(Outcome.MALFORMED, reason)


def _strict_cbor(data: bytes, reason: Reason) -> object:
    """One CBOR item and nothing after it, shallow, without duplicate keys."""
    stream = io.BytesIO(data)
    try:
        decoder = cbor2.CBORDecoder(
            stream, max_depth=16, allow_indefinite=False, allow_duplicate_keys=False
        )
        item = decoder.decode()
    except Exception:  # the decoder's errors are many (CBORError, ValueError, ...): all malformed
        raise _malformed(reason) from None
    if stream.tell() != len(data):
        raise _malformed(reason)
    return item


def _decompress(data: bytes) -> bytes:
    # A zlib stream starts with two header bytes: deflate, and a multiple of 31.
    if len(data) < 2 or data[0] & 0x0F != 8 or (data[0] * 256 + data[1]) % 31:
        raise _malformed(Reason.TRUNCATED if len(data) < 2 else Reason.NOT_ZLIB)
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(data, MAX_COSE_BYTES)
    except zlib.error:
        # The header was ours; the stream after it is damaged (its checksum catches changes).
        raise _Refused(Outcome.INVALID, Reason.ALTERED) from None
    if inflater.unconsumed_tail:
        raise _malformed(Reason.TOO_LONG)
    if not inflater.eof:
        raise _malformed(Reason.TRUNCATED)
    if inflater.unused_data:
        raise _Refused(Outcome.INVALID, Reason.ALTERED)
    return raw


def _cose_parts(raw: bytes) -> tuple[bytes, bytes, bytes]:
    item = _strict_cbor(raw, Reason.NOT_CBOR)
    if not isinstance(item, cbor2.CBORTag) or item.tag != COSE_SIGN1_TAG:
        raise _malformed(Reason.NOT_COSE)
    parts = item.value
    if not isinstance(parts, list | tuple) or len(parts) != 4:
        raise _malformed(Reason.NOT_COSE)
    protected, unprotected, payload, signature = parts
    if not (
        isinstance(protected, bytes)
        and isinstance(unprotected, Mapping)
        and isinstance(payload, bytes)
        and isinstance(signature, bytes)
    ):
        raise _malformed(Reason.NOT_COSE)
    return protected, payload, signature


def _check_signature(protected: bytes, payload: bytes, signature: bytes) -> str:
    headers = _strict_cbor(protected, Reason.NOT_COSE)
    if not isinstance(headers, Mapping) or not isinstance(headers.get(HEADER_KID), bytes):
        raise _malformed(Reason.NOT_COSE)
    if headers.get(HEADER_ALG) != ALG_EDDSA or HEADER_CRIT in headers:
        raise _Refused(Outcome.INVALID, Reason.UNSUPPORTED)
    kid = headers[HEADER_KID].decode("ascii", errors="replace")
    key = public_key(kid) if KID.match(kid) else None
    if key is None:
        shown = kid if KID.match(kid) else "?"
        raise _Refused(Outcome.INVALID, Reason.UNKNOWN_KEY, key_id=shown)
    try:
        key.verify(signature, _sig_structure(protected, payload))
    except InvalidSignature:
        raise _Refused(Outcome.INVALID, Reason.BAD_SIGNATURE, key_id=kid) from None
    return kid


def _text(claims: Mapping, key: object) -> str:
    value = claims.get(key)
    if not isinstance(value, str) or len(value) > 200:
        raise _malformed(Reason.BAD_CLAIMS)
    return value


def _day(claims: Mapping, key: str) -> date:
    try:
        return date.fromisoformat(_text(claims, key))
    except ValueError:
        raise _malformed(Reason.BAD_CLAIMS) from None


def _parse_claims(payload: bytes) -> PermitClaims:
    claims = _strict_cbor(payload, Reason.BAD_CLAIMS)
    if not isinstance(claims, Mapping):
        raise _malformed(Reason.BAD_CLAIMS)
    issued = claims.get(6)
    if type(issued) is not int or not 0 <= issued < 2**40:
        raise _malformed(Reason.BAD_CLAIMS)
    birth = _text(claims, "dob")
    if not _DATE.match(birth):
        raise _malformed(Reason.BAD_CLAIMS)
    return PermitClaims(
        number=_text(claims, "n"),
        permit_type=_text(claims, "t"),
        surname=_text(claims, "sn"),
        given_names=_text(claims, "gn"),
        birth_date=birth,
        valid_from=_day(claims, "vf"),
        valid_to=_day(claims, "vt"),
        issued_at=datetime.fromtimestamp(issued, tz=UTC),
        issuer=_text(claims, 1),
    )


def _verify(text: object, now: datetime) -> Verification:
    if not isinstance(text, str) or not text.strip():
        raise _malformed(Reason.EMPTY)
    text = text.translate(_BREAKS).lstrip(" ")
    if len(text) > MAX_TEXT:
        raise _malformed(Reason.TOO_LONG)
    if not text.startswith(PREFIX):
        raise _malformed(Reason.NOT_OURS)
    body = text[len(PREFIX) :]
    try:
        compressed = b45decode(body)
    except Base45Error as error:
        raise _malformed(Reason.TRUNCATED if error.at_end else Reason.NOT_BASE45) from None
    protected, payload, signature = _cose_parts(_decompress(compressed))
    kid = _check_signature(protected, payload, signature)
    claims = _parse_claims(payload)
    today = timezone.localdate(now)
    if today < claims.valid_from:
        outcome = Outcome.NOT_YET_VALID
    elif today > claims.valid_to:
        outcome = Outcome.EXPIRED
    else:
        outcome = Outcome.VALID
    return Verification(outcome=outcome, claims=claims, key_id=kid)


def verify_payload(text: str, *, now: datetime) -> Verification:
    """Check a QR payload against the published keys and the date ``now``; never raises."""
    try:
        return _verify(text, now)
    except _Refused as refused:
        return refused.verification
    except Exception:  # a bug, not bad input: log it, and still answer
        logger.exception("Permit payload verification failed unexpectedly")
        return Verification(outcome=Outcome.MALFORMED, reason=Reason.UNREADABLE)
