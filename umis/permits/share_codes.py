"""The share code itself: how it is made, written, and kept.

Nine characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), written in
groups of three ("W8G-T4H-RD2"): 29^9, about 1.5 * 10^13 codes, read aloud over the phone
without confusion. Only a keyed digest is stored (HMAC-SHA256 under ``UMIS_INDEX_KEY``,
as the access codes of applications), so a copy of the database opens nothing and the code
is found by its digest, in one indexed look-up, whatever is typed.
"""

from __future__ import annotations

import re

from umis.core.crypto import blind_index
from umis.core.readable_codes import readable_code

LENGTH = 9
GROUP = 3
CODE_MAX = 20  # anything longer is not a code someone typed
REFERENCE_LENGTH = 10
_PURPOSE = "permits.share_code"
_SEPARATORS = re.compile(r"[\s\-]+")


def normalise_code(code: str) -> str:
    return _SEPARATORS.sub("", (code or "")[:CODE_MAX]).upper()


def format_code(code: str) -> str:
    plain = normalise_code(code)
    return "-".join(plain[i : i + GROUP] for i in range(0, len(plain), GROUP))


def share_code_digest(code: str) -> str:
    return blind_index(normalise_code(code), purpose=_PURPOSE)


def share_code_new() -> tuple[str, str]:
    """A fresh code, written in groups, and the digest to store."""
    plain = readable_code(LENGTH)
    return format_code(plain), share_code_digest(plain)


def check_reference_new() -> str:
    """The reference a verifier keeps for their records: "CHK-7KQ4M9XD2T"."""
    return "CHK-" + readable_code(REFERENCE_LENGTH)
