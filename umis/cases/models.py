"""Applications and their history.

The public number is random, not sequential ("UMIS-2026-7KQ4M9XD"): a sequential number
tells anyone how many applications the Service receives and invites guessing other
people's numbers on public pages (status look-up, verification). Eight characters from a
29-character alphabet without look-alikes (0/O, 1/I/L, U/V) give about 5 * 10^11 numbers
a year, read out over the phone without confusion.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from umis.cases.states import ProposedDecision, Status
from umis.core.models import TimeStampedModel


class Application(TimeStampedModel):
    number = models.CharField(_("number"), max_length=32, unique=True, editable=False)
    service_code = models.CharField(_("service"), max_length=64, db_index=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("person"),
    )
    # Jurisdiction follows the place of stay: the department covering it handles the case.
    place_of_stay_district = models.ForeignKey(
        "accounts.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("district of stay"),
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # A sorted list of Flag values; few flags per case, always read with the case.
    flags = models.JSONField(_("flags"), default=list, blank=True)
    form_data = models.JSONField(_("form data"), default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_decision = models.CharField(
        _("proposed decision"),
        max_length=16,
        choices=ProposedDecision.choices,
        default=ProposedDecision.NONE,
        blank=True,
    )
    decision_reasons = models.JSONField(_("decision reasons"), default=list, blank=True)
    # Optimistic concurrency: every change bumps it; a form carries the version it showed.
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_applications",
        verbose_name=_("assigned to"),
    )
    # The access code is shown to the applicant once; only a slow hash is kept, so a copy
    # of the database does not open anyone's application on the public pages.
    access_code_hash = models.CharField(
        _("access code hash"), max_length=128, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The queue's counts (all, new, mine, due soon, overdue) read the jurisdiction
            # from this index alone, without visiting every case (B2: 360 ms -> 35 ms for
            # a regional department at 1,000,000 cases).
            models.Index(
                fields=["place_of_stay_district", "status"],
                include=["due_date", "assigned_to", "proposed_by", "id"],
                name="cases_jurisdiction_status_idx",
            ),
            # The office queue's order (most urgent first): read in index order, its first
            # page costs a few thousand rows at 1,000,000 cases instead of a sort of the
            # whole jurisdiction (bench/ B2: 360 ms -> 6 ms for a regional department).
            models.Index(fields=["due_date", "submitted_at", "id"], name="cases_queue_order_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class ApplicationEvent(models.Model):
    """One row per state change or flag change: the case history shown to officers."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(_("transition"), max_length=64)
    from_status = models.CharField(_("from status"), max_length=32, choices=Status.choices)
    to_status = models.CharField(_("to status"), max_length=32, choices=Status.choices)
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
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.transition}"


class IdempotencyRecord(models.Model):
    """The first answer to a POST carrying an ``Idempotency-Key``, replayed on retries.

    The stored body may contain a secret shown once (the access code); it is kept for the
    same caller only, so a client that lost the first answer can still read it. A record is
    written with the answer, in the transaction of the work (``umis.cases.idempotency``), so
    it is always ``done``; ``in_flight`` is the column's old default, kept to spare a
    migration of a value no code writes any more.
    """

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight", _("In flight")
        DONE = "done", _("Done")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=100)
    request_hash = models.CharField(_("request hash"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=State.choices, default=State.IN_FLIGHT
    )
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="cases_idempotency_user_key")
        ]
        # Every call forgets the caller's expired keys: without it that visits all the keys
        # an API client ever sent.
        indexes = [models.Index(fields=["user", "created_at"], name="cases_idempotency_expiry")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


def document_storage_name(instance: ApplicationDocument, filename: str) -> str:
    """Where a document's bytes live: a random name, never the sender's file name.

    ``filename`` is ignored except for the extension, which the service sets from the
    content it found; the date folders only keep directories small.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    today = timezone.now()
    return f"documents/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"


class ApplicationDocument(models.Model):
    """A file the applicant sent with an application (passport scan, photo, proof...).

    ``kind`` is one of the kinds the e-service declares, or ``other``. The content type is
    the one found by looking at the bytes (``umis.cases.uploads``), not the one the
    browser claimed; ``original_name`` is for display only.
    """

    OTHER = "other"

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    file = models.FileField(_("file"), upload_to=document_storage_name, max_length=255)
    content_type = models.CharField(_("content type"), max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Sent in answer to the Service's request for documents, after the application left draft.
    answers_request = models.BooleanField(_("answers a request"), default=False)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} {self.original_name}"
