"""Border crossings received from the entry-exit system, and where the feed was left off.

A crossing keeps what identifies the traveller encrypted (names, birth date, document
number, vehicle or flight), with the document number's blind index for exact look-ups;
what statistics and filters need (time, direction, point, nationality, sex) stays in clear.
Every crossing is kept whether or not it was linked to a person, so that a file created
later can still be linked to it (``border_crossings_relink``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from umis.core.crypto import EncryptedTextField
from umis.people.dates import PartialDate
from umis.people.models import Sex


class Direction(models.TextChoices):
    IN = "in", _("Entry")
    OUT = "out", _("Exit")


class PointKind(models.TextChoices):
    AIR = "air", _("Airport")
    LAND = "land", _("Land checkpoint")
    SEA = "sea", _("Sea port")


class CrossingSource(models.TextChoices):
    FEED = "feed", _("Pulled from the feed")
    PUSH = "push", _("Sent by the border system")


class MatchStatus(models.TextChoices):
    LINKED = "linked", _("Linked to a person")
    POSSIBLE = "possible", _("Possible match: an officer should review")
    UNLINKED = "unlinked", _("No person found")


class BorderCrossing(models.Model):
    crossing_id = models.CharField(_("crossing id"), max_length=64, unique=True)
    source = models.CharField(_("source"), max_length=8, choices=CrossingSource.choices)
    occurred_at = models.DateTimeField(_("crossed at"), db_index=True)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    point_code = models.CharField(_("border point code"), max_length=32)
    point_name = models.CharField(_("border point"), max_length=200)
    point_kind = models.CharField(_("kind of point"), max_length=8, choices=PointKind.choices)
    transport = EncryptedTextField(_("flight, vehicle or vessel"), blank=True, default="")

    surname = EncryptedTextField(_("surname (as in the passport)"))
    given_names = EncryptedTextField(_("given names (as in the passport)"), blank=True)
    birth_date = EncryptedTextField(_("date of birth"), blank=True, default="")
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)
    issuing_state = models.CharField(_("issuing state"), max_length=3, blank=True)
    document_number = EncryptedTextField(_("document number"))
    document_index = models.CharField(max_length=64, db_index=True, editable=False)

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="border_crossings",
        verbose_name=_("person"),
    )
    match_status = models.CharField(
        _("match"), max_length=8, choices=MatchStatus.choices, db_index=True
    )
    # The likeliest file when the match is only possible: for an officer to confirm.
    possible_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("possible match"),
    )
    match_probability = models.FloatField(_("match likelihood"), null=True, blank=True)
    matched_at = models.DateTimeField(_("matched at"))
    # An officer's decision on a possible match (this person, or not): final, so the
    # crossing is not matched again automatically.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    watchlist_hit = models.BooleanField(_("watch-list hit"), default=False, db_index=True)
    # The traveller's data could not be screened (a name the screening cannot read).
    not_screened = models.BooleanField(_("not screened"), default=False)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("border crossing")
        verbose_name_plural = _("border crossings")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["person", "-occurred_at"], name="border_person_time")]

    def __str__(self) -> str:
        return self.crossing_id

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_names) if p)

    @property
    def birth(self) -> PartialDate | None:
        try:
            return PartialDate.coerce(self.birth_date) if self.birth_date else None
        except (TypeError, ValueError):
            return None


class CrossingWatchListHit(models.Model):
    """A watch-list entry the traveller of a crossing matched, with why."""

    crossing = models.ForeignKey(
        BorderCrossing, on_delete=models.CASCADE, related_name="hits", verbose_name=_("crossing")
    )
    entry = models.ForeignKey(
        "screening.WatchListEntry",
        on_delete=models.PROTECT,
        related_name="crossing_hits",
        verbose_name=_("watch-list entry"),
    )
    list_kind = models.CharField(_("list"), max_length=16)
    score = models.IntegerField(_("score"))
    explanation = models.JSONField(_("explanation"), default=list)

    class Meta:
        verbose_name = _("watch-list hit of a crossing")
        verbose_name_plural = _("watch-list hits of crossings")
        ordering = ["-score", "entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["crossing", "entry"], name="border_one_hit_per_entry")
        ]

    def __str__(self) -> str:
        return f"{self.crossing_id} / {self.entry_id}"


class FeedCursor(models.Model):
    """Where a feed was left off: advanced only in the transaction that stores the batch
    it ends, so a batch is never stored twice and never skipped."""

    feed = models.CharField(_("feed"), max_length=32, primary_key=True)
    cursor = models.CharField(_("cursor"), max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("feed cursor")
        verbose_name_plural = _("feed cursors")

    def __str__(self) -> str:
        return self.feed
