"""Merging two files moves everything and loses nothing; undoing it restores exactly."""

from __future__ import annotations

from datetime import date

import pytest

from tests.permits.conftest import applicant, issue, staff  # noqa: F401 - fixtures
from umis.accounts.models import District
from umis.audit.models import AuditEntry
from umis.cases.models import Application
from umis.core.errors import Conflict, PermissionDeniedError, ValidationFailed
from umis.people import services
from umis.people.duplicate_decisions import duplicate_keep_apart
from umis.people.merge import (
    KEPT_RELATIONS,
    moved_relations,
    person_merge,
    person_relations,
    person_unmerge,
    relation_key,
)
from umis.people.models import (
    DuplicateStatus,
    FinAllocation,
    IdentityDocument,
    Person,
    PersonBlockingKey,
    PotentialDuplicate,
)
from umis.people.selectors import person_search
from umis.permits.models import Permit

pytestmark = pytest.mark.django_db

HOLDER = {
    "surname_latin": "Rezaei",
    "given_names_latin": "Mohammad Reza",
    "birth_date": date(1988, 4, 17),
    "sex": "M",
    "nationality": "IRN",
}


def _rows(person) -> dict[str, set]:
    return {
        "documents": set(
            IdentityDocument.objects.filter(person=person).values_list("pk", flat=True)
        ),
        "applications": set(Application.objects.filter(person=person).values_list("pk", flat=True)),
        "permits": set(Permit.objects.filter(holder=person).values_list("pk", flat=True)),
    }


@pytest.fixture
def files(applicant, staff):  # noqa: F811
    """A permit holder's file (documents, application, permit, FIN) and a second file of
    the same person made by hand at reception, with a passport of its own."""
    permit = issue(applicant, staff)
    holder = Person.objects.get(pk=permit.holder_id)
    second = services.person_create(
        actor=None, place_of_stay_district=District.objects.get(code="gusar"), **HOLDER
    )
    services.document_add(
        person=second,
        actor=None,
        type="passport",
        number="N7654321",
        issuing_state="IRN",
        expiry_date=date(2032, 1, 31),
        is_primary=True,
    )
    services.document_add(  # the holder's file gets a primary document too
        person=holder,
        actor=None,
        type="passport",
        number="P12345678",
        issuing_state="IRN",
        expiry_date=date(2030, 6, 30),
        is_primary=True,
    )
    pair = PotentialDuplicate.objects.get(first=holder, second=second)
    return {"holder": Person.objects.get(pk=holder.pk), "second": second, "pair": pair}


def test_every_relation_to_a_person_is_either_moved_or_deliberately_kept():
    keys = {relation_key(rel) for rel in person_relations()}
    assert set(KEPT_RELATIONS) <= keys  # no stale entry
    moved = {relation_key(rel) for rel in moved_relations()}
    assert moved == keys - set(KEPT_RELATIONS)
    for expected in (
        ("people.IdentityDocument", "person"),
        ("cases.Application", "person"),
        ("permits.Permit", "holder"),
    ):
        assert expected in moved


def test_merge_moves_everything_keeps_the_absorbed_file_and_audits(files, staff):  # noqa: F811
    holder, second, pair = files["holder"], files["second"], files["pair"]
    before = {"holder": _rows(holder), "second": _rows(second)}
    snapshot_fin = holder.fin
    assert snapshot_fin and second.fin is None

    merge = person_merge(
        duplicate=pair, survivor_id=second.pk, actor=staff["case"], reason="Same passport"
    )
    holder.refresh_from_db()
    second.refresh_from_db()
    after = _rows(second)
    for kind in ("documents", "applications", "permits"):
        assert after[kind] == before["holder"][kind] | before["second"][kind]
        assert not _rows(holder)[kind]
    # One primary document: the survivor's.
    assert IdentityDocument.objects.filter(person=second, is_primary=True).count() == 1
    # The survivor had no FIN: it takes the person's FIN; the allocation stays recorded.
    assert second.fin == snapshot_fin and holder.fin is None
    assert FinAllocation.objects.get(fin=snapshot_fin).person_id == holder.pk
    assert holder.merged_into_id == second.pk and holder.merged_at is not None
    assert not PersonBlockingKey.objects.filter(person=holder).exists()
    assert merge.snapshot["fin"] == snapshot_fin
    assert merge.snapshot["surname_latin"] == "Rezaei"
    assert len(merge.moved_rows) == sum(len(v) for v in before["holder"].values())
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (DuplicateStatus.MERGED, staff["case"])
    # Hidden from search; a search by its FIN finds the survivor.
    assert [p.pk for p in person_search(user=staff["hq"], query="Rezaei")] == [second.pk]
    entries = {e.action: e for e in AuditEntry.objects.filter(action__startswith="person.merge")}
    assert entries["person.merge"].target_id == str(second.pk)
    assert entries["person.merge"].reason == "Same passport"
    assert entries["person.merge"].details["moved"]["permits_permit"] == 1
    assert entries["person.merged_into"].target_id == str(holder.pk)


def test_unmerge_restores_exactly_what_was_moved(files, staff):  # noqa: F811
    holder, second, pair = files["holder"], files["second"], files["pair"]
    before = {"holder": _rows(holder), "second": _rows(second)}
    primaries = set(IdentityDocument.objects.filter(is_primary=True).values_list("pk", flat=True))
    fields_before = Person.objects.filter(pk=holder.pk).values().get()
    merge = person_merge(
        duplicate=pair, survivor_id=second.pk, actor=staff["case"], reason="Same passport"
    )
    # Work done on the survivor after the merge stays with it.
    later = services.document_add(
        person=second, actor=None, type="other", number="Z1", issuing_state="IRN"
    )
    person_unmerge(merge=merge, actor=staff["head"], reason="Two brothers after all")
    holder.refresh_from_db()
    second.refresh_from_db()
    assert _rows(holder) == before["holder"]
    assert _rows(second)["documents"] == before["second"]["documents"] | {later.pk}
    assert _rows(second)["permits"] == before["second"]["permits"]
    assert primaries <= set(
        IdentityDocument.objects.filter(is_primary=True).values_list("pk", flat=True)
    )
    restored = Person.objects.filter(pk=holder.pk).values().get()
    for name, value in fields_before.items():
        if name != "updated_at":
            assert restored[name] == value, name
    assert second.fin is None
    merge.refresh_from_db()
    assert merge.unmerged_by == staff["head"] and merge.unmerge_reason == "Two brothers after all"
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.OPEN
    assert PersonBlockingKey.objects.filter(person=holder).exists()
    entry = AuditEntry.objects.get(action="person.unmerge")
    assert entry.target_id == str(second.pk) and entry.details["restored"] == len(merge.moved_rows)
    assert AuditEntry.objects.filter(action="person.unmerged", target_id=str(holder.pk)).exists()
    with pytest.raises(Conflict):
        person_unmerge(merge=merge, actor=staff["head"], reason="again")


def test_two_fins_the_survivor_keeps_its_own_and_the_other_stays_allocated(files, staff):  # noqa: F811
    holder, second, pair = files["holder"], files["second"], files["pair"]
    second_fin = services.person_assign_fin(person=second, actor=None)
    merge = person_merge(
        duplicate=pair, survivor_id=second.pk, actor=staff["case"], reason="Same person"
    )
    holder.refresh_from_db()
    second.refresh_from_db()
    assert second.fin == second_fin
    assert holder.fin == merge.fins["absorbed"] and holder.fin
    assert FinAllocation.objects.filter(fin=holder.fin, person=holder).exists()
    assert merge.fins == {"survivor": second_fin, "absorbed": holder.fin, "adopted": None}


def test_the_second_decision_on_a_pair_is_refused_with_who_decided(files, staff):  # noqa: F811
    pair = files["pair"]
    person_merge(
        duplicate=pair, survivor_id=pair.first_id, actor=staff["case"], reason="Same person"
    )
    # The other officer's page still showed the pair open: both actions are refused.
    with pytest.raises(Conflict) as caught:
        person_merge(duplicate=pair, survivor_id=pair.second_id, actor=staff["head"], reason="Same")
    assert staff["case"].username in caught.value.message
    with pytest.raises(Conflict):
        duplicate_keep_apart(duplicate=pair, actor=staff["head"], reason="Different")
    assert Person.objects.filter(merged_into__isnull=False).count() == 1


def test_a_decision_needs_a_reason_a_right_and_one_of_the_two_files(files, staff):  # noqa: F811
    pair = files["pair"]
    with pytest.raises(ValidationFailed) as caught:
        person_merge(duplicate=pair, survivor_id=pair.first_id, actor=staff["case"], reason=" ")
    assert list(caught.value.fields) == ["reason"]
    with pytest.raises(ValidationFailed) as caught:
        person_merge(duplicate=pair, survivor_id=-1, actor=staff["case"], reason="x")
    assert list(caught.value.fields) == ["survivor"]
    with pytest.raises(PermissionDeniedError):
        person_merge(
            duplicate=pair, survivor_id=pair.first_id, actor=staff["reception"], reason="x"
        )
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def test_keep_apart_closes_the_pair_and_audits_both_files(files, staff):  # noqa: F811
    pair = duplicate_keep_apart(
        duplicate=files["pair"], actor=staff["case"], reason="Different fathers"
    )
    assert pair.status == DuplicateStatus.KEPT_APART and pair.decision_reason == "Different fathers"
    targets = set(
        AuditEntry.objects.filter(action="person.duplicate_keep_apart").values_list(
            "target_id", flat=True
        )
    )
    assert targets == {str(pair.first_id), str(pair.second_id)}


def test_a_merged_file_cannot_be_changed(files, staff):  # noqa: F811
    pair = files["pair"]
    person_merge(duplicate=pair, survivor_id=pair.second_id, actor=staff["case"], reason="x")
    with pytest.raises(Conflict):
        services.person_update(
            person=files["holder"], actor=None, data={"phone": "+994 50 123 45 67"}
        )
