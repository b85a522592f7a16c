"""The audit and access log: one append-only, hash-chained table.

Who did what to which record, when, why and from where. Rows are never changed or
removed: the model refuses it here, PostgreSQL triggers refuse it in the database, and
``manage.py audit_verify`` proves that nobody went around both.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from umis.audit.chain import HASHED_FIELDS


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    class ActorKind(models.TextChoices):
        USER = "user", _("User")
        API_CLIENT = "api_client", _("API client")
        SYSTEM = "system", _("System")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        DENIED = "denied", _("Denied")
        FAILURE = "failure", _("Failure")

    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    # Plain values, not foreign keys: the log must outlive, and never cascade from, the
    # accounts it mentions, and must say who they were at the time.
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("actor"), max_length=150, blank=True)
    actor_role = models.CharField(_("actor role"), max_length=32, blank=True)
    actor_department = models.CharField(_("actor department"), max_length=40, blank=True)
    actor_kind = models.CharField(_("actor kind"), max_length=16, choices=ActorKind.choices)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("target type"), max_length=64)
    target_id = models.CharField(_("target id"), max_length=128, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # Text rather than GenericIPAddressField: PostgreSQL's inet type rewrites some IPv6
    # forms, and the stored text must be exactly what was hashed.
    ip_address = models.CharField(_("IP address"), max_length=45, null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["actor_username"], name="audit_actor_username_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="audit_seq_positive", condition=models.Q(seq__gte=1)),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be deleted")

    def hash_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in HASHED_FIELDS}
