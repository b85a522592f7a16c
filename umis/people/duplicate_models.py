"""One person, one file: the blocking keys that find likely duplicates fast, the flags
raised for an officer to decide, and the merges (each one reversible).

Imported by ``umis.people.models``, so Django registers these tables with the app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from umis.core.models import TimeStampedModel


class PersonBlockingKey(models.Model):
    """One key of a person ("ny:mdv:1985", "doc:<blind index>", "fin:AB12C3D").

    A new file is compared only with the files sharing a key with it: a few indexed
    look-ups instead of a scan of the registry. Rewritten with the person, in the same
    transaction; a merged file has none (it is matched as the file it was merged into).
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="blocking_keys"
    )
    key = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("blocking key")
        verbose_name_plural = _("blocking keys")
        indexes = [models.Index(fields=["key", "person"], name="people_blocking_key_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="people_blocking_key_once")
        ]

    def __str__(self) -> str:
        return self.key


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MERGED = "merged", _("Merged")
    KEPT_APART = "kept_apart", _("Kept apart")


class PotentialDuplicate(TimeStampedModel):
    """Two files that may be one person, waiting for an officer (or decided by one).

    The pair is stored once, lower id first. ``explanation`` says which fields agreed and
    how much each weighed, as the scorer gave it.
    """

    first = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("first file")
    )
    second = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("second file")
    )
    probability = models.FloatField(_("probability"))
    explanation = models.JSONField(_("explanation"), default=dict)
    # The use case that found the pair ("person.create", "document.add", "person.merge").
    found_by = models.CharField(_("found by"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DuplicateStatus.choices,
        default=DuplicateStatus.OPEN,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("potential duplicate")
        verbose_name_plural = _("potential duplicates")
        ordering = ["-probability", "pk"]
        indexes = [
            models.Index(fields=["status", "-probability"], name="people_dup_queue_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="people_dup_pair_once"),
            models.CheckConstraint(
                name="people_dup_ordered_pair", condition=Q(first__lt=F("second"))
            ),
            models.CheckConstraint(
                name="people_dup_probability_range",
                condition=Q(probability__gte=0) & Q(probability__lte=1),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.probability:.2f})"

    def other(self, person_id: int) -> int:
        return self.second_id if person_id == self.first_id else self.first_id


class PersonMerge(TimeStampedModel):
    """One merge: ``absorbed`` was folded into ``survivor``, and how to undo it exactly.

    ``snapshot`` is every field of the absorbed file as it was; ``moved_rows`` lists each
    row re-pointed from it (model, table, field, primary key, and the values of any other
    field the merge had to change, such as a second primary document).
    """

    survivor = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="merges_as_survivor",
        verbose_name=_("surviving file"),
    )
    absorbed = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="merges_as_absorbed",
        verbose_name=_("merged file"),
    )
    duplicate = models.ForeignKey(
        PotentialDuplicate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merges",
        verbose_name=_("potential duplicate"),
    )
    snapshot = models.JSONField(_("merged file as it was"))
    moved_rows = models.JSONField(_("rows moved"), default=list)
    # FIN facts: the survivor's FIN before the merge, and the absorbed file's.
    fins = models.JSONField(_("FINs"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    reason = models.TextField(_("reason"))
    unmerged_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    unmerged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    unmerge_reason = models.TextField(_("reason for undoing"), blank=True)

    class Meta:
        verbose_name = _("merge of files")
        verbose_name_plural = _("merges of files")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A file is merged into one other file at a time.
            models.UniqueConstraint(
                fields=["absorbed"],
                condition=Q(unmerged_at__isnull=True),
                name="people_merge_one_active_per_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.absorbed_id} -> {self.survivor_id}"

    @property
    def is_active(self) -> bool:
        return self.unmerged_at is None
