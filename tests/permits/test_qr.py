"""The QR code helper: an SVG element ready to place in a page or the permit's PDF."""

from __future__ import annotations

import segno

from umis.permits.payload import sign_permit_payload
from umis.permits.qr import qr_svg


def test_a_payload_becomes_an_svg_qr_code_in_alphanumeric_mode(signing_key, claims):
    text = sign_permit_payload(claims)
    svg = qr_svg(text, title="QR code of permit TRP-2026-000123")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg and 'class="umis-qr"' in svg
    assert "<title>QR code of permit TRP-2026-000123</title>" in svg
    code = segno.make(text, error="m", micro=False)
    assert code.mode == "alphanumeric" and code.error in {"M", "Q", "H"}
    # The same modules, drawn at the scale asked (four-module quiet zone on each side).
    width = (code.symbol_size(scale=1, border=4)[0]) * 4
    assert f'width="{width}"' in svg


def test_any_text_can_be_drawn(claims):
    assert qr_svg("https://example.org/").startswith("<svg")
