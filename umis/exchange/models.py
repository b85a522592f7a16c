"""The exchange's tables: the message log, the check results, the payment simulator's ledger.

The message log keeps what was asked of which system and what came of it, for operators
and auditors; it holds no more personal data than needed to tell messages apart (document
numbers are masked, names are never written).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageOutcome(models.TextChoices):
    OK = "ok", _("Answered")
    REFUSED = "refused", _("Refused the request")
    UNAVAILABLE = "unavailable", _("Unavailable")


class ExchangeMessage(models.Model):
    system = models.CharField(_("system"), max_length=32, db_index=True)
    operation = models.CharField(_("operation"), max_length=64)
    reference = models.CharField(_("reference"), max_length=64, blank=True, db_index=True)
    request_summary = models.JSONField(_("request summary"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=MessageOutcome.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("exchange message")
        verbose_name_plural = _("exchange messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.system}.{self.operation} {self.reference} ({self.outcome})"


class CheckOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    UNAVAILABLE = "unavailable", _("No answer")


class CheckKind(models.TextChoices):
    CHECK = "check", _("Check with a state system")
    RULE = "rule", _("Rule of the service")


class CheckResult(models.Model):
    """What one check (or one rule of the service) found about one application.

    The summary is stored as a message code and its parameters, not as text, so that it is
    shown in the reader's language; ``umis.cases.checks_selectors`` turns it into words.
    """

    application = models.ForeignKey(
        "cases.Application",
        on_delete=models.CASCADE,
        related_name="check_results",
        verbose_name=_("application"),
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=CheckKind.choices, default=CheckKind.CHECK
    )
    code = models.CharField(_("code"), max_length=64)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=CheckOutcome.choices, default=CheckOutcome.PENDING
    )
    summary_code = models.CharField(_("summary"), max_length=64, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check result")
        verbose_name_plural = _("check results")
        ordering = ["kind", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "code"], name="exchange_one_result_per_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.code}: {self.outcome}"


class SimulatedPayment(models.Model):
    """A state duty "paid" at the payment gateway simulator (demo and tests only)."""

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    amount_azn = models.DecimalField(_("amount (AZN)"), max_digits=10, decimal_places=2)
    paid_at = models.DateTimeField(_("paid at"), auto_now_add=True)

    class Meta:
        verbose_name = _("simulated payment")
        verbose_name_plural = _("simulated payments")

    def __str__(self) -> str:
        return f"{self.reference} {self.amount_azn}"
