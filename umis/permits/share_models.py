"""Share codes ("view and prove") and the log of their checks.

A holder makes a share code for one purpose (right to work, right to rent, other) and a
period they choose; a verifier with no account enters it with the holder's birth date and
sees what the purpose needs. The code is shown to the holder once; only a keyed digest is
kept (``umis.permits.share_codes``). Every check of an existing code is a ``ShareCheck``
row that the holder reads; checks of codes that do not exist are in the audit log only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SharePurpose(models.TextChoices):
    RIGHT_TO_WORK = "right_to_work", _("Right to work")
    RIGHT_TO_RENT = "right_to_rent", _("Right to rent")
    OTHER = "other", _("Other")


class ShareCode(models.Model):
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="share_codes",
        verbose_name=_("holder"),
    )
    permit = models.ForeignKey(
        "permits.Permit",
        on_delete=models.PROTECT,
        related_name="share_codes",
        verbose_name=_("permit"),
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=SharePurpose.choices)
    code_digest = models.CharField(_("code digest"), max_length=80, unique=True, editable=False)
    # The last three characters, so the holder can tell their codes apart ("...RD2").
    code_hint = models.CharField(_("code ends with"), max_length=3, editable=False)
    valid_until = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("share code")
        verbose_name_plural = _("share codes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=[p.value for p in SharePurpose]),
                name="share_code_purpose_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"...{self.code_hint} ({self.purpose})"


class ShareCheckOutcome(models.TextChoices):
    SHOWN = "shown", _("Shown")
    BIRTH_DATE_MISMATCH = "birth_date_mismatch", _("Refused: wrong date of birth")
    EXPIRED = "expired", _("Refused: the code had expired")
    REVOKED = "revoked", _("Refused: the code had been revoked")


class ShareCheck(models.Model):
    """One check of an existing share code, as its holder reads it (no address kept)."""

    code = models.ForeignKey(
        ShareCode, on_delete=models.CASCADE, related_name="checks", verbose_name=_("share code")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    purpose = models.CharField(_("purpose"), max_length=16, choices=SharePurpose.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Given to the verifier for their records when the details are shown.
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=ShareCheckOutcome.choices)

    class Meta:
        verbose_name = _("share code check")
        verbose_name_plural = _("share code checks")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.reference
