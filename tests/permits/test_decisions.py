"""Revoking, cancelling and replacing a permit: who may, with which reason, and what stays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from umis.audit.models import AuditEntry
from umis.core.errors import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from umis.permits.models import Permit
from umis.permits.services import permit_cancel, permit_replace, permit_revoke

pytestmark = pytest.mark.django_db

ENDINGS = [(permit_revoke, "revoked", "conviction"), (permit_cancel, "cancelled", "death")]


@pytest.mark.parametrize(("decide", "status", "code"), ENDINGS)
def test_an_approving_officer_ends_a_permit_with_a_reason(trp_permit, staff, decide, status, code):
    ended = decide(
        permit=trp_permit,
        actor=staff["head"],
        reason_code=code,
        reason="Court decision of 3 March.",
        expected_version=1,
    )
    assert (ended.status, ended.version) == (status, 2)
    assert ended.ended_at is not None
    event = ended.events.order_by("-id").first()
    assert (event.from_status, event.to_status, event.actor) == ("active", status, staff["head"])
    assert (event.reason_code, event.reason) == (code, "Court decision of 3 March.")
    entry = AuditEntry.objects.filter(target_id=trp_permit.number).order_by("-seq").first()
    assert entry.action == f"permit.{event.action}"
    assert entry.actor_username == staff["head"].username
    assert "Court decision of 3 March." in entry.reason
    assert entry.details["reason_code"] == code


@pytest.mark.parametrize(("decide", "status", "code"), ENDINGS)
@pytest.mark.parametrize("who", ["reception", "case"])
def test_only_approvers_revoke_or_cancel(trp_permit, staff, decide, status, code, who):
    with pytest.raises(PermissionDeniedError):
        decide(permit=trp_permit, actor=staff[who], reason_code=code, expected_version=1)
    assert Permit.objects.get(pk=trp_permit.pk).status == "active"
    assert not AuditEntry.objects.filter(action__in=["permit.revoke", "permit.cancel"]).exists()


def test_headquarters_may_decide_on_any_department_s_permit(trp_permit, staff):
    ended = permit_revoke(permit=trp_permit, actor=staff["hq"], reason_code="expulsion")
    assert ended.status == "revoked"


@pytest.mark.parametrize(("decide", "status", "code"), ENDINGS)
def test_another_region_s_approver_does_not_find_the_permit(
    trp_permit, staff, decide, status, code
):
    with pytest.raises(NotFound):
        decide(permit=trp_permit, actor=staff["ganja_head"], reason_code=code)
    assert Permit.objects.get(pk=trp_permit.pk).status == "active"


@pytest.mark.parametrize(
    ("code", "reason", "field"),
    [
        ("", "", "reason_code"),
        ("death", "", None),
        ("lost", "", "reason_code"),
        ("other", " ", "reason"),
    ],
)
def test_a_reason_from_the_list_is_needed_and_other_needs_words(
    trp_permit, staff, code, reason, field
):
    if field is None:  # a valid reason, for contrast
        assert permit_cancel(permit=trp_permit, actor=staff["head"], reason_code=code).status
        return
    with pytest.raises(ValidationFailed) as caught:
        permit_cancel(permit=trp_permit, actor=staff["head"], reason_code=code, reason=reason)
    assert field in caught.value.fields
    assert Permit.objects.get(pk=trp_permit.pk).status == "active"


def test_a_stale_version_is_a_conflict_and_changes_nothing(trp_permit, staff):
    permit_revoke(
        permit=trp_permit, actor=staff["head"], reason_code="expulsion", expected_version=1
    )
    with pytest.raises(Conflict) as caught:
        permit_cancel(
            permit=trp_permit, actor=staff["head2"], reason_code="death", expected_version=1
        )
    assert "Revoked" in caught.value.message
    assert Permit.objects.get(pk=trp_permit.pk).status == "revoked"


def test_nothing_leaves_a_terminal_state(trp_permit, staff):
    revoked = permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="expulsion")
    for decide, code in ((permit_cancel, "death"), (permit_revoke, "conviction")):
        with pytest.raises(Conflict):
            decide(permit=revoked, actor=staff["head2"], reason_code=code)
    with pytest.raises(Conflict):
        permit_replace(permit=revoked, actor=staff["reception"], reason_code="lost")


def test_a_lost_permit_is_replaced_by_a_new_number_until_the_same_day(trp_permit, staff):
    new = permit_replace(
        permit=trp_permit, actor=staff["reception"], reason_code="lost", expected_version=1
    )
    old = Permit.objects.get(pk=trp_permit.pk)
    assert old.status == "replaced"
    assert old.replaced_by == new
    assert new.replaces == old
    assert new.status == "active"
    assert new.number != old.number
    assert new.number.endswith("-0000002")
    assert new.valid_to == old.valid_to
    assert new.valid_from == timezone.localdate()
    assert (new.holder_id, new.fin, new.application_id, new.permit_type) == (
        old.holder_id,
        old.fin,
        old.application_id,
        old.permit_type,
    )
    assert old.events.last().details == {"replacement": new.number}
    assert new.events.get().action == "issue_replacement"
    actions = set(
        AuditEntry.objects.filter(target_id__in=[old.number, new.number]).values_list(
            "action", "target_id"
        )
    )
    assert {("permit.replace", old.number), ("permit.issue_replacement", new.number)} <= actions


def test_a_replacement_can_itself_be_replaced(trp_permit, staff):
    second = permit_replace(permit=trp_permit, actor=staff["case"], reason_code="stolen")
    third = permit_replace(permit=second, actor=staff["case"], reason_code="damaged")
    assert third.replaces == second
    assert Permit.objects.get(pk=second.pk).status == "replaced"


def test_a_permit_past_its_validity_is_not_replaced(trp_permit, staff):
    Permit.objects.filter(pk=trp_permit.pk).update(
        valid_from=timezone.localdate() - timedelta(days=30),
        valid_to=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(Conflict):
        permit_replace(permit=trp_permit, actor=staff["reception"], reason_code="lost")


def test_another_region_s_officer_cannot_replace(trp_permit, staff):
    with pytest.raises(NotFound):
        permit_replace(permit=trp_permit, actor=staff["ganja"], reason_code="lost")
