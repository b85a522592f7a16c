"""The watch list (entry bans and wanted persons), its blocking keys, and the hits found
on applications.

An entry is written by the services only (``umis.screening.services``): they keep the
denormalised matching columns (``match_names``, ``document_indexes``) and the rows of
``WatchListKey`` in step with the entry, so that a screening is one indexed look-up of
candidates and a scoring of them in memory.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from umis.core.crypto import EncryptedTextField
from umis.core.models import TimeStampedModel
from umis.people.dates import PartialDate
from umis.people.models import Sex


class ListKind(models.TextChoices):
    ENTRY_BAN = "entry_ban", _("Entry ban")
    WANTED = "wanted", _("Wanted person")


class EntrySource(models.TextChoices):
    BORDER_RESTRICTIONS = "border", _("Restrictions list of the border system")
    OFFICER = "officer", _("Entered by an officer")
    OTHER_AUTHORITY = "other_authority", _("Another authority")


class WatchListEntry(TimeStampedModel):
    list_kind = models.CharField(_("list"), max_length=16, choices=ListKind.choices)
    surname_native = models.CharField(_("surname (native script)"), max_length=200, blank=True)
    given_names_native = models.CharField(
        _("given names (native script)"), max_length=200, blank=True
    )
    surname_latin = models.CharField(_("surname (Latin script)"), max_length=200, blank=True)
    given_names_latin = models.CharField(
        _("given names (Latin script)"), max_length=200, blank=True
    )
    # Date of birth to the precision known; a wanted person may have none on record.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)

    reason = models.TextField(_("reason"))
    source = models.CharField(_("source"), max_length=16, choices=EntrySource.choices)
    # The entry's identifier in the source (the border system's list), so that a refresh
    # updates the same entry instead of adding it again.
    source_reference = models.CharField(_("reference in the source"), max_length=64, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    # Kept by the services: the canonical forms of every name ("|"-separated), the blind
    # indexes of the document numbers (space-separated); scoring reads only these.
    match_names = models.TextField(editable=False, default="")
    document_indexes = models.TextField(editable=False, default="", blank=True)

    class Meta:
        verbose_name = _("watch-list entry")
        verbose_name_plural = _("watch-list entries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="watchlist_birth_month_range",
                condition=Q(birth_month__isnull=True) | Q(birth_month__gte=1, birth_month__lte=12),
            ),
            models.CheckConstraint(
                name="watchlist_birth_day_needs_month",
                condition=Q(birth_day__isnull=True)
                | Q(birth_month__isnull=False, birth_day__gte=1, birth_day__lte=31),
            ),
            models.CheckConstraint(
                name="watchlist_month_needs_year",
                condition=Q(birth_month__isnull=True) | Q(birth_year__isnull=False),
            ),
            models.CheckConstraint(
                name="watchlist_valid_until_after_from",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
            ),
            models.UniqueConstraint(
                fields=["source", "source_reference"],
                condition=~Q(source_reference=""),
                name="watchlist_one_entry_per_source_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        latin = " ".join(p for p in (self.surname_latin, self.given_names_latin) if p)
        native = " ".join(p for p in (self.surname_native, self.given_names_native) if p)
        if latin and native and latin != native:
            return f"{latin} ({native})"
        return latin or native

    @property
    def birth_date(self) -> PartialDate | None:
        if self.birth_year is None:
            return None
        return PartialDate(self.birth_year, self.birth_month, self.birth_day)

    @property
    def is_lifted(self) -> bool:
        return self.lifted_at is not None


class WatchListDocument(models.Model):
    entry = models.ForeignKey(
        WatchListEntry, on_delete=models.CASCADE, related_name="documents", verbose_name=_("entry")
    )
    # Encrypted at rest; found only through number_index (keyed HMAC of the number).
    number = EncryptedTextField(_("document number"))
    number_index = models.CharField(max_length=64, db_index=True, editable=False)
    issuing_state = models.CharField(_("issuing state"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("document on the watch list")
        verbose_name_plural = _("documents on the watch list")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.issuing_state}"


class WatchListKey(models.Model):
    """One blocking key of one entry: a sound key of a name token, or a document's index.

    The birth year travels with each key so that one composite index answers "this sound,
    born within two years of 1985, or birth year unknown" without reading other years.
    """

    entry = models.ForeignKey(WatchListEntry, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=80)
    birth_year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["key", "birth_year"], name="watchlist_key_year_idx")]

    def __str__(self) -> str:
        return self.key


class ApplicationScreeningHit(models.Model):
    """A watch-list entry that matched the person of an application at its submission."""

    application = models.ForeignKey(
        "cases.Application", on_delete=models.CASCADE, related_name="screening_hits"
    )
    entry = models.ForeignKey(WatchListEntry, on_delete=models.PROTECT, related_name="+")
    score = models.SmallIntegerField(_("score"))
    # [{"field": ..., "agreement": ..., "points": ...}, ...]: put into words when shown.
    explanation = models.JSONField(_("explanation"), default=list)
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("watch-list hit")
        verbose_name_plural = _("watch-list hits")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "entry"], name="screening_one_hit_per_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.entry_id} ({self.score})"


class AnswerStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class SelfCheckAnswer(models.Model):
    """The answer to a person's "does a travel ban exist for me", owed to the e-mail
    address on their own file: the outbox row of the task that screens and sends it."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    recipient = models.CharField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(
        _("status"), max_length=16, choices=AnswerStatus.choices, default=AnswerStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("travel-ban self-check answer")
        verbose_name_plural = _("travel-ban self-check answers")

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"
