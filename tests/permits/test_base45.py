"""Base45 (RFC 9285): the RFC's examples, strict decoding, and any bytes round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from umis.permits.base45 import Base45Error, b45decode, b45encode


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
    ],
)
def test_the_rfc_examples(raw, text):
    assert b45encode(raw) == text
    assert b45decode(text) == raw


@pytest.mark.parametrize(
    ("text", "at_end"),
    [
        ("GGW", False),  # 65536 does not fit two bytes (the RFC's own example)
        ("ZZZZ", True),  # one character past a triplet
        ("BB8ZZ", True),  # a last pair above 255
        ("bb8", False),  # lowercase is not in the alphabet
        ("BB8€", False),
    ],
)
def test_what_is_not_base45_is_refused(text, at_end):
    with pytest.raises(Base45Error) as error:
        b45decode(text)
    assert error.value.at_end is at_end


@given(st.binary(max_size=300))
def test_any_bytes_round_trip(raw):
    assert b45decode(b45encode(raw)) == raw
