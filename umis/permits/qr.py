"""The QR code of a signed payload, as SVG for the permit's PDF and for pages."""

from __future__ import annotations

import io

import segno

from umis.permits.payload import PREFIX


def qr_svg(text: str, *, title: str = "", scale: int = 4) -> str:
    """An ``<svg>`` element (no XML declaration) drawing ``text`` as a QR code.

    A payload (``UMIS1:`` + base45) uses only the alphanumeric mode's characters, so segno
    picks that compact mode. Error correction is at least M (15% of the code may be
    smudged or folded and still read); segno raises it when the same size allows. The
    four-module quiet zone scanners need is included. ``title`` names the image for screen
    readers when the SVG is placed in a page.
    """
    code = segno.make(text, error="m", micro=False)
    if text.startswith(PREFIX) and code.mode != "alphanumeric":
        raise ValueError("a permit payload must fit the QR alphanumeric mode")
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        svgns=True,
        title=title or None,
        svgclass="umis-qr",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return out.getvalue().decode()
