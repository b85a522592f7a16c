"""One row per e-mail the applicant is owed: the outbox's idempotency record.

The row is written in the transaction of the status change, together with the task that
sends it; the (event, channel) constraint means a status change yields one e-mail at most,
and the task checks ``status`` before sending, so a retried or duplicated task never sends
the same e-mail twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    application = models.ForeignKey(
        "cases.Application",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("application"),
    )
    event = models.ForeignKey(
        "cases.ApplicationEvent",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("event"),
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.EMAIL
    )
    recipient = models.CharField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=5)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel"], name="notifications_one_per_event_and_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.recipient} ({self.status})"
