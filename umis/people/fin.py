"""The FIN (personal identification number) format.

Seven characters drawn from the digits and the Latin capitals, like the FINs of the
national identity system, without I, O and Q: on a card, in handwriting and over the
phone they are confused with 1 and 0. That leaves 33 symbols, 33**7 (about 4.3e10)
possible FINs, so random draws collide rarely and a retry settles it.
"""

from __future__ import annotations

import re
import secrets

FIN_LENGTH = 7
FIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
_FIN = re.compile(rf"^[{FIN_ALPHABET}]{{{FIN_LENGTH}}}$")


def random_fin() -> str:
    return "".join(secrets.choice(FIN_ALPHABET) for _ in range(FIN_LENGTH))


def normalise_fin(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


def is_fin(text: str) -> bool:
    return bool(_FIN.match(text))
