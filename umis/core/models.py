"""Shared model bases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CalendarOverride(TimeStampedModel):
    """A day the Cabinet of Ministers or the Service moved, on top of the statutory holidays.

    The ``holidays`` package knows the statutory days and the usual observed days; the
    Cabinet's yearly decree moving days off (and declaring some Saturdays working days) is
    entered here, with its source, so that deadlines follow the decree.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Non-working day")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_az = models.CharField(_("name (Azerbaijani)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("The decree or notice."))

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"


class PolicyValue(TimeStampedModel):
    """One value of a deadline, fee, quota or limit, in force from one date (to another).

    Values are never edited in place when the rule changes: a new row with a later
    ``effective_from`` closes the old one, so an application is judged by the value in
    force on its own date.
    """

    key = models.CharField(_("key"), max_length=200, db_index=True)
    value = models.JSONField(_("value"))
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(
        _("effective to"), null=True, blank=True, help_text=_("Last day in force; empty: open.")
    )
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["key", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "effective_from"], name="policy_key_from_uniq"),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="policy_period_ordered",
            ),
        ]
        verbose_name = _("policy value")
        verbose_name_plural = _("policy values")

    def __str__(self) -> str:
        return f"{self.key} from {self.effective_from.isoformat()}"
