"""Random codes people read aloud or type: application numbers, access codes, share codes.

One alphabet for all of them, without look-alikes (no 0/O, 1/I/L, U/V), so a code read
over the phone or copied from paper comes through unchanged.
"""

from __future__ import annotations

import secrets

READABLE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"


def readable_code(length: int) -> str:
    """``length`` characters of the alphabet, from the operating system's secure source."""
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))
