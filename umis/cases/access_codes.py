"""The access code that opens an application on the public pages, and how it is kept.

The code is shown once and only a keyed digest is stored: HMAC-SHA256 under the index key,
which lives outside the database (``UMIS_INDEX_KEY``). A copy of the database therefore
opens nothing, and guessing online is bounded by the status check's rate limits. A slow
password hash (PBKDF2) would add protection only if the key leaked with the database, and
cost half a second of CPU on every submission and look-up; digests made that way before
are still recognised.
"""

from __future__ import annotations

import hmac

from django.contrib.auth.hashers import check_password

from umis.core.crypto import blind_index
from umis.core.readable_codes import readable_code

LENGTH = 8
CODE_MAX = 32  # anything longer is not a code someone typed
_SCHEME = "hmac-sha256$"
_PURPOSE = "cases.access_code"


def access_code_digest(code: str) -> str:
    return _SCHEME + blind_index((code or "")[:CODE_MAX], purpose=_PURPOSE)


def access_code_new() -> tuple[str, str]:
    """A fresh code and the digest to store."""
    code = readable_code(LENGTH)
    return code, access_code_digest(code)


def access_code_matches(stored: str, code: str) -> bool:
    """Whether ``code`` is the one ``stored`` was made from; the same work either way."""
    typed = access_code_digest(code)
    if stored.startswith(_SCHEME):
        return hmac.compare_digest(stored, typed)
    if stored:  # made with the password hasher before the keyed digest
        return check_password((code or "").strip().upper()[:CODE_MAX], stored)
    hmac.compare_digest(typed, typed)  # nothing stored: answer no, in the same time
    return False
