"""An officer's decision on a potential duplicate: what every decision checks, and the
decision to keep two files apart (merging is in ``umis.people.merge``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.accounts.roles import perm
from umis.audit.services import audit_record, audited_transaction
from umis.core.errors import Conflict, PermissionDeniedError, ValidationFailed
from umis.people.models import DuplicateStatus, PotentialDuplicate

REASON_MAX = 2000


def check_may_merge(actor: Any) -> None:
    """Merging, undoing a merge and keeping apart are a member of staff's decisions."""
    if not (isinstance(actor, User) and actor.has_perm(perm.PERSON_MERGE)):
        raise PermissionDeniedError()


def clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": _("Give the reason for this decision.")})
    if len(reason) > REASON_MAX:
        raise ValidationFailed(
            fields={
                "reason": _("Keep the reason under %(limit)d characters.") % {"limit": REASON_MAX}
            }
        )
    return reason


def locked_pair(duplicate: PotentialDuplicate) -> PotentialDuplicate:
    """The pair, locked, still open; otherwise a Conflict saying who decided it first."""
    pair = PotentialDuplicate.objects.select_for_update().get(pk=duplicate.pk)
    if pair.status != DuplicateStatus.OPEN:
        decided_by = pair.decided_by.get_username() if pair.decided_by_id else ""
        raise Conflict(
            _("This pair has already been decided: %(decision)s by %(officer)s.")
            % {"decision": pair.get_status_display().lower(), "officer": decided_by or "—"},
            code="duplicate_decided",
        )
    return pair


@audited_transaction
def duplicate_keep_apart(
    *,
    duplicate: PotentialDuplicate,
    actor: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> PotentialDuplicate:
    """Two persons, two files: the pair is closed and is not raised again."""
    check_may_merge(actor)
    reason = clean_reason(reason)
    pair = locked_pair(duplicate)
    pair.status, pair.decided_by, pair.decided_at = (
        DuplicateStatus.KEPT_APART,
        actor,
        timezone.now(),
    )
    pair.decision_reason = reason
    pair.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
    for person_id in (pair.first_id, pair.second_id):
        audit_record(
            action="person.duplicate_keep_apart",
            target_type="person",
            target_id=person_id,
            request=request,
            actor=actor,
            reason=reason,
            details={"duplicate": pair.pk, "other_person": pair.other(person_id)},
        )
    return pair
