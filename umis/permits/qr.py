"""The QR code of a signed payload, as SVG for the permit's PDF and for pages."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import segno

from umis.permits.payload import PREFIX, PermitClaims, sign_permit_payload
from umis.permits.types import SERIES

if TYPE_CHECKING:
    from umis.permits.models import Permit


def permit_claims(permit: Permit) -> PermitClaims:
    """What a permit's QR code says: its number, type, holder (Latin names, birth date as far
    as it is known) and validity. The type is the series in lowercase (trp, prp, wp, reg,
    ext), part of the payload's format whatever the tables call it."""
    holder = permit.holder
    return PermitClaims(
        number=permit.number,
        permit_type=SERIES[permit.permit_type].lower(),
        surname=holder.surname_latin,
        given_names=holder.given_names_latin,
        birth_date=holder.birth_date.iso(),
        valid_from=permit.valid_from,
        valid_to=permit.valid_to,
        issued_at=permit.issued_at,
    )


def permit_qr_text(permit: Permit) -> str:
    """The signed text for the permit's QR code (draw it with ``qr_svg``)."""
    return sign_permit_payload(permit_claims(permit))


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
