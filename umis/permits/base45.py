"""Base45 (RFC 9285): bytes as text in the 45 characters of the QR code's alphanumeric mode.

Written here rather than taken from a package: it is a dozen lines, and the decoder must
be strict (refuse lowercase, characters outside the alphabet, a dangling character, and
triplets or pairs whose value does not fit) with one error type the verifier can name.
Every two bytes become three characters (the value ``a*256 + b`` written as ``c + d*45 +
e*45*45``, least significant first); a last odd byte becomes two.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}


class Base45Error(ValueError):
    """The text is not base45. ``at_end``: only its end is wrong, as when a text is cut."""

    def __init__(self, message: str, *, at_end: bool = False) -> None:
        super().__init__(message)
        self.at_end = at_end


def b45encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out += [ALPHABET[c], ALPHABET[d], ALPHABET[e]]
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += [ALPHABET[c], ALPHABET[d]]
    return "".join(out)


def b45decode(text: str) -> bytes:
    try:
        values = [_VALUE[char] for char in text]
    except KeyError:
        raise Base45Error("the text has a character outside the base45 alphabet") from None
    if len(values) % 3 == 1:
        raise Base45Error(
            "a base45 text cannot be one character longer than a triplet", at_end=True
        )
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i : i + 3]
        if len(chunk) == 3:
            n = chunk[0] + chunk[1] * 45 + chunk[2] * 2025
            if n > 0xFFFF:
                raise Base45Error("a base45 triplet is larger than two bytes")
            out += n.to_bytes(2, "big")
        else:
            n = chunk[0] + chunk[1] * 45
            if n > 0xFF:
                raise Base45Error("a base45 pair is larger than one byte", at_end=True)
            out.append(n)
    return bytes(out)
