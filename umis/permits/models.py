"""Permits: the documents the Service issues on a decision, their numbering and history.

A permit's number is the next one in its type's series for the year of issue
(``types.SERIES``): "TRP-2026-0000042". Unlike an application number it is sequential on
purpose: it is the serial number of an official document, printed on it and kept in
registers. ``PermitSeries`` holds the last number given in each series; the row is locked
while the next number is taken, so two issues at once never share or skip a number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from umis.core.models import TimeStampedModel
from umis.permits.states import PermitStatus
from umis.permits.types import PermitType


class PermitSeries(models.Model):
    """The last number given in one type's series in one year."""

    permit_type = models.CharField(_("type"), max_length=32, choices=PermitType.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("permit series")
        verbose_name_plural = _("permit series")
        constraints = [
            models.UniqueConstraint(fields=["permit_type", "year"], name="permit_series_unique")
        ]

    def __str__(self) -> str:
        return f"{self.permit_type} {self.year}: {self.last_number}"


class Permit(TimeStampedModel):
    number = models.CharField(_("number"), max_length=32, unique=True, editable=False)
    permit_type = models.CharField(
        _("type"), max_length=32, choices=PermitType.choices, db_index=True
    )
    year = models.PositiveSmallIntegerField(_("year of the series"))
    sequence = models.PositiveIntegerField(_("number in the series"))
    holder = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="permits",
        verbose_name=_("holder"),
    )
    # The holder's FIN as printed on this permit (empty for documents that carry none).
    fin = models.CharField(_("FIN"), max_length=7, blank=True, db_index=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    # The decision it comes from; a replacement comes from the same decision.
    application = models.ForeignKey(
        "cases.Application",
        on_delete=models.PROTECT,
        related_name="permits",
        verbose_name=_("application"),
    )
    issuing_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="permits",
        verbose_name=_("issuing department"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PermitStatus.choices,
        default=PermitStatus.ACTIVE,
        db_index=True,
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    # The lost, stolen or damaged permit this one takes the place of.
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    # Optimistic concurrency: every change bumps it; a form carries the version it showed.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("permit")
        verbose_name_plural = _("permits")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["permit_type", "year", "sequence"], name="permit_series_number_unique"
            ),
            # One permit per issue of an application; replacements come on top.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(replaces__isnull=True),
                name="permit_one_per_application",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="permit_validity_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PermitStatus]), name="permit_status_valid"
            ),
        ]
        indexes = [
            # The daily expiry task reads the active permits whose end has passed.
            models.Index(fields=["status", "valid_to"], name="permit_status_valid_to_idx"),
            models.Index(fields=["issuing_department", "status"], name="permit_department_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class PermitEvent(models.Model):
    """One row per thing that happened to a permit: the history shown to officers."""

    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(
        _("from status"), max_length=16, choices=PermitStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=16, choices=PermitStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # The role at the time: roles change, history must not.
    actor_role = models.CharField(_("actor role"), max_length=32, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason_code = models.CharField(_("reason code"), max_length=64, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("permit event")
        verbose_name_plural = _("permit events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.permit_id} {self.action}"


class PermitPhoto(models.Model):
    """The holder's photograph as the permit shows it (``umis.permits.photos``): a small
    JPEG, made after issue. A row of its own, so that reading permits never carries it;
    none while it is made, or when the application had no photograph that could be read."""

    permit = models.OneToOneField(
        Permit,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="photo",
        verbose_name=_("permit"),
    )
    jpeg = models.BinaryField(_("photograph (JPEG)"))
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("permit photograph")
        verbose_name_plural = _("permit photographs")

    def __str__(self) -> str:
        return f"{self.permit_id} photo"


# Share codes live in their own module; imported here so that Django finds the models.
from umis.permits.share_models import (  # noqa: E402, F401
    ShareCheck,
    ShareCheckOutcome,
    ShareCode,
    SharePurpose,
)
