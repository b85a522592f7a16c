"""The signed payload: round trip, and every kind of bad input refused without a crash."""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import cbor2
import pytest
import segno
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.permits.conftest import DURING, use_keys
from umis.permits.base45 import ALPHABET, b45decode, b45encode
from umis.permits.payload import (
    MAX_TEXT,
    PREFIX,
    Outcome,
    Reason,
    sign_permit_payload,
    verify_payload,
)
from umis.permits.signing import keyring, new_signing_key

BAKU = ZoneInfo("Asia/Baku")


def _cose(text: str) -> cbor2.CBORTag:
    return cbor2.loads(zlib.decompress(b45decode(text[len(PREFIX) :])))


def _wrap(cose_bytes: bytes) -> str:
    return PREFIX + b45encode(zlib.compress(cose_bytes))


def test_a_signed_payload_verifies_with_every_field(signing_key, claims):
    text = sign_permit_payload(claims)
    assert text.startswith("UMIS1:")
    result = verify_payload(text, now=DURING)
    assert result.outcome == Outcome.VALID and result.reason == Reason.NONE
    assert result.key_id == signing_key[0]
    assert result.claims == claims.__class__(**{**claims.__dict__, "issuer": "AZ-DMX"})


def test_the_payload_is_a_cose_sign1_with_eddsa_and_the_kid_protected(signing_key, claims):
    cose = _cose(sign_permit_payload(claims))
    assert cose.tag == 18
    protected, unprotected, payload, signature = cose.value
    assert cbor2.loads(protected) == {1: -8, 4: signing_key[0].encode()}
    assert dict(unprotected) == {}
    assert len(signature) == 64
    body = cbor2.loads(payload)
    assert body["n"] == "TRP-2026-000123" and body[1] == "AZ-DMX"
    assert body[6] == int(claims.issued_at.timestamp())


def test_the_payload_fits_a_small_qr_code_in_alphanumeric_mode(signing_key, claims):
    long_names = claims.__class__(
        **{**claims.__dict__, "surname": "ABDURRAHMANOVA-QULIYEVA", "given_names": "SEVINC " * 4}
    )
    text = sign_permit_payload(long_names)
    assert set(text[len(PREFIX) :]) <= set(ALPHABET)
    code = segno.make(text, error="m")
    assert code.mode == "alphanumeric" and code.version <= 12


def test_partial_birth_dates_are_kept_as_they_are(signing_key, claims):
    year_only = claims.__class__(**{**claims.__dict__, "birth_date": "1975"})
    assert verify_payload(sign_permit_payload(year_only), now=DURING).claims.birth_date == "1975"
    with pytest.raises(ValueError):
        sign_permit_payload(claims.__class__(**{**claims.__dict__, "birth_date": "17.04.1988"}))
    with pytest.raises(ValueError):
        sign_permit_payload(claims.__class__(**{**claims.__dict__, "permit_type": "passport"}))


def test_one_changed_character_in_the_signed_part_makes_it_invalid(signing_key, claims):
    text = sign_permit_payload(claims)
    middle = len(text) // 2
    for replacement in "0AZ:":
        if text[middle] == replacement:
            continue
        changed = text[:middle] + replacement + text[middle + 1 :]
        result = verify_payload(changed, now=DURING)
        assert result.outcome in {Outcome.INVALID, Outcome.MALFORMED}
        assert result.claims is None


def test_a_changed_claim_with_the_old_signature_is_a_bad_signature(signing_key, claims):
    protected, unprotected, payload, signature = _cose(sign_permit_payload(claims)).value
    forged = payload.replace(b"2027-04-30", b"2029-04-30")
    text = _wrap(cbor2.dumps(cbor2.CBORTag(18, [protected, {}, forged, signature])))
    result = verify_payload(text, now=DURING)
    assert (result.outcome, result.reason) == (Outcome.INVALID, Reason.BAD_SIGNATURE)
    assert result.claims is None


def test_one_flipped_bit_in_the_signature_is_a_bad_signature(signing_key, claims):
    protected, unprotected, payload, signature = _cose(sign_permit_payload(claims)).value
    flipped = bytes([signature[0] ^ 1]) + signature[1:]
    text = _wrap(cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, flipped])))
    assert verify_payload(text, now=DURING).reason == Reason.BAD_SIGNATURE


def test_an_unknown_key_id_is_invalid_with_that_reason(settings, claims):
    stranger = new_signing_key()
    use_keys(settings, (stranger[0], stranger[1]))
    text = sign_permit_payload(claims)
    ours = new_signing_key()
    use_keys(settings, (ours[0], ours[1]))
    result = verify_payload(text, now=DURING)
    assert (result.outcome, result.reason) == (Outcome.INVALID, Reason.UNKNOWN_KEY)
    assert result.key_id == stranger[0] and result.claims is None


def test_a_known_key_id_with_another_key_is_a_bad_signature(settings, claims):
    forger = new_signing_key()
    use_keys(settings, ("k1", forger[1]))
    text = sign_permit_payload(claims)
    use_keys(settings, ("k1", new_signing_key()[1]))
    assert verify_payload(text, now=DURING).reason == Reason.BAD_SIGNATURE


def test_another_algorithm_is_refused_whatever_the_signature(signing_key, claims):
    protected, unprotected, payload, signature = _cose(sign_permit_payload(claims)).value
    es256 = cbor2.dumps({1: -7, 4: signing_key[0].encode()})
    text = _wrap(cbor2.dumps(cbor2.CBORTag(18, [es256, {}, payload, signature])))
    assert verify_payload(text, now=DURING).reason == Reason.UNSUPPORTED


def test_expired_and_not_yet_valid_on_the_days_of_the_service(signing_key, claims):
    text = sign_permit_payload(claims)
    last_minute = datetime(2027, 4, 30, 23, 59, tzinfo=BAKU)
    next_day = datetime(2027, 5, 1, 0, 0, tzinfo=BAKU)
    first_minute = datetime(2026, 5, 1, 0, 0, tzinfo=BAKU)
    assert verify_payload(text, now=last_minute).outcome == Outcome.VALID
    assert verify_payload(text, now=first_minute).outcome == Outcome.VALID
    expired = verify_payload(text, now=next_day)
    assert expired.outcome == Outcome.EXPIRED and expired.claims.valid_to == date(2027, 4, 30)
    early = verify_payload(text, now=datetime(2026, 4, 30, 23, 0, tzinfo=BAKU))
    assert early.outcome == Outcome.NOT_YET_VALID and early.claims is not None


def test_line_breaks_from_scanners_and_copies_are_ignored(signing_key, claims):
    text = sign_permit_payload(claims)
    wrapped = "  " + "\r\n".join(text[i : i + 60] for i in range(0, len(text), 60)) + "\n"
    assert verify_payload(wrapped, now=DURING).outcome == Outcome.VALID


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda t: "", Reason.EMPTY),
        (lambda t: "   \n", Reason.EMPTY),
        (lambda t: "HC1:" + t[len(PREFIX) :], Reason.NOT_OURS),
        (lambda t: "https://example.org/", Reason.NOT_OURS),
        (lambda t: PREFIX + t[len(PREFIX) :].lower(), Reason.NOT_BASE45),
        (lambda t: PREFIX + "GGW", Reason.NOT_BASE45),
        (lambda t: t[: len(PREFIX) + 3 * 40], Reason.TRUNCATED),
        (lambda t: t[: len(PREFIX) + 3 * 40 + 1], Reason.TRUNCATED),
        (lambda t: PREFIX, Reason.TRUNCATED),
        (lambda t: t + "0" * MAX_TEXT, Reason.TOO_LONG),
        (lambda t: PREFIX + b45encode(b"not compressed at all"), Reason.NOT_ZLIB),
        (lambda t: _wrap(b"\xff\xfe not cbor"), Reason.NOT_CBOR),
        (lambda t: _wrap(cbor2.dumps({"a": 1})), Reason.NOT_COSE),
        (lambda t: _wrap(cbor2.dumps(cbor2.CBORTag(18, [b"", {}, b""]))), Reason.NOT_COSE),
        (lambda t: _wrap(cbor2.dumps(cbor2.CBORTag(98, [b"", {}, b"", b""]))), Reason.NOT_COSE),
        (lambda t: _wrap(zlib.decompress(b45decode(t[len(PREFIX) :])) + b"\x00"), Reason.NOT_CBOR),
    ],
)
def test_malformed_input_is_named(signing_key, claims, make, reason):
    result = verify_payload(make(sign_permit_payload(claims)), now=DURING)
    assert (result.outcome, result.reason) == (Outcome.MALFORMED, reason)
    assert result.claims is None


def test_a_decompression_bomb_is_refused(signing_key):
    bomb = PREFIX + b45encode(zlib.compress(b"\x00" * 1_000_000, 9))
    assert len(bomb) < MAX_TEXT
    assert verify_payload(bomb, now=DURING).reason == Reason.TOO_LONG


def test_things_that_are_not_text_are_malformed(signing_key):
    for value in (None, b"UMIS1:", 42):
        assert verify_payload(value, now=DURING).outcome == Outcome.MALFORMED


def test_verification_reads_no_database(signing_key, claims):
    # This module has no database access at all: any query would fail the verification.
    assert verify_payload(sign_permit_payload(claims), now=DURING).outcome == Outcome.VALID


# --- Properties ------------------------------------------------------------------------------

_SLOW = hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def signed(signing_key, claims) -> str:
    return sign_permit_payload(claims)


@_SLOW
@given(data=st.data())
def test_any_changed_character_never_verifies_and_never_crashes(signed, data):
    position = data.draw(st.integers(0, len(signed) - 1))
    replacement = data.draw(st.characters(codec="utf-8").filter(lambda c: c != signed[position]))
    result = verify_payload(signed[:position] + replacement + signed[position + 1 :], now=DURING)
    assert result.outcome in {Outcome.INVALID, Outcome.MALFORMED}
    assert result.claims is None


@_SLOW
@given(data=st.data())
def test_any_flipped_byte_of_the_signed_structure_never_verifies(signed, data):
    raw = bytearray(zlib.decompress(b45decode(signed[len(PREFIX) :])))
    position = data.draw(st.integers(0, len(raw) - 1))
    raw[position] ^= data.draw(st.integers(1, 255))
    result = verify_payload(_wrap(bytes(raw)), now=DURING)
    assert result.outcome in {Outcome.INVALID, Outcome.MALFORMED}
    assert result.claims is None


@_SLOW
@given(cut=st.integers(0, 10_000))
def test_any_truncation_never_verifies(signed, cut):
    result = verify_payload(signed[: cut % len(signed)], now=DURING)
    assert result.outcome in {Outcome.INVALID, Outcome.MALFORMED}


@_SLOW
@given(text=st.text(max_size=600) | st.text(alphabet=ALPHABET, max_size=600).map(PREFIX.__add__))
def test_any_text_gets_an_answer(signing_key, text):
    assert verify_payload(text, now=DURING).outcome in {Outcome.INVALID, Outcome.MALFORMED}


@_SLOW
@given(raw=st.binary(max_size=400))
def test_any_compressed_bytes_get_an_answer(signing_key, raw):
    result = verify_payload(_wrap(raw), now=DURING)
    assert result.outcome in {Outcome.INVALID, Outcome.MALFORMED}


def test_keys_are_read_from_the_settings(signing_key):
    assert keyring().active == signing_key[0]


def test_timestamps_round_trip_in_utc(signing_key, claims):
    result = verify_payload(sign_permit_payload(claims), now=DURING)
    assert result.claims.issued_at == datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
