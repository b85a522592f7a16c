"""The kinds of document the Service issues, and what each one carries.

Kept free of models so that the e-service declarations (``umis.eservices``) can name the
document a service issues without importing the permits tables.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PermitType(models.TextChoices):
    TEMPORARY_RESIDENCE = "temporary_residence", _("Temporary residence permit")
    PERMANENT_RESIDENCE = "permanent_residence", _("Permanent residence permit")
    WORK = "work", _("Work permit")
    REGISTRATION = "registration", _("Registration confirmation")
    STAY_EXTENSION = "stay_extension", _("Decision extending the period of stay")


# The Service's series: each type is numbered on its own, from 1 every year, and the
# number reads "<series>-<year>-<seven digits>" (TRP-2026-0000042). Latin capitals, digits
# and hyphens only: the number travels in the QR code's alphanumeric mode and is read aloud.
SERIES: dict[str, str] = {
    PermitType.TEMPORARY_RESIDENCE: "TRP",
    PermitType.PERMANENT_RESIDENCE: "PRP",
    PermitType.WORK: "WP",
    PermitType.REGISTRATION: "REG",
    PermitType.STAY_EXTENSION: "EXT",
}
SEQUENCE_DIGITS = 7

# The documents that carry the holder's FIN. The FIN is printed on residence permits and
# assigned at the first of them (DOMAIN.md); a registration at the place of stay or an
# extension of a short stay does not make a visitor a resident, so it gives no FIN (the
# holder's FIN is still shown when they have one).
CARRIES_FIN = frozenset(
    {PermitType.TEMPORARY_RESIDENCE, PermitType.PERMANENT_RESIDENCE, PermitType.WORK}
)


def permit_number(permit_type: str, year: int, sequence: int) -> str:
    return f"{SERIES[permit_type]}-{year}-{sequence:0{SEQUENCE_DIGITS}d}"
