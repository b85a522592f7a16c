"""Merging two files of one person, and undoing it exactly.

A merge re-points every row that refers to the absorbed file (documents, applications,
permits, and whatever table is added later: the relations are read from the model, not
listed here) to the surviving file, and records each row moved. The absorbed file is
kept, marked as merged into the survivor: hidden from search and matching, opened as
the survivor, never deleted, its FIN still allocated. Undoing the merge moves back
exactly the rows recorded and restores the absorbed file's fields from the snapshot.

Two officers deciding one pair at once: the pair and both files are locked, and the
second finds the pair decided (a ``Conflict`` naming what happened).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import ForeignObjectRel, Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.services import audit_record, audited_transaction
from umis.core.errors import Conflict, ValidationFailed
from umis.people.duplicate_decisions import check_may_merge, clean_reason, locked_pair
from umis.people.duplicates import duplicates_flag, person_keys_refresh
from umis.people.models import (
    DuplicateStatus,
    IdentityDocument,
    Person,
    PersonMerge,
    PotentialDuplicate,
)

# Relations to a person that a merge leaves where they are, and why. Every other
# relation is moved; tests fail when a new relation appears in neither place unnoticed.
KEPT_RELATIONS: dict[tuple[str, str], str] = {
    ("people.PersonBlockingKey", "person"): "rewritten for both files after the merge",
    ("people.PotentialDuplicate", "first"): "the pair is the record of the decision",
    ("people.PotentialDuplicate", "second"): "the pair is the record of the decision",
    ("people.PersonMerge", "survivor"): "the record of the merge itself",
    ("people.PersonMerge", "absorbed"): "the record of the merge itself",
    ("people.Person", "merged_into"): "earlier merges stay as they were; the chain is followed",
    ("people.FinAllocation", "person"): "a FIN stays allocated to the file it was issued to",
}
# Undo keeps what the survivor's page showed to the person deciding.
SNAPSHOT_SKIPPED = frozenset({"id", "created_at", "updated_at"})


def person_relations() -> list[ForeignObjectRel]:
    """Every relation through which a row refers to a person (hidden ones included)."""
    return [
        rel
        for rel in Person._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel) and not rel.many_to_many
    ]


def relation_key(rel: ForeignObjectRel) -> tuple[str, str]:
    return rel.related_model._meta.label, rel.field.name


def moved_relations() -> list[ForeignObjectRel]:
    return [rel for rel in person_relations() if relation_key(rel) not in KEPT_RELATIONS]


def _snapshot(person: Person) -> dict[str, Any]:
    values = {
        field.attname: getattr(person, field.attname) for field in Person._meta.concrete_fields
    }
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _restore(person: Person, snapshot: dict[str, Any]) -> None:
    for field in Person._meta.concrete_fields:
        if field.attname in snapshot and field.attname not in SNAPSHOT_SKIPPED:
            setattr(person, field.attname, field.to_python(snapshot[field.attname]))


def _json_pk(value: Any) -> Any:
    return value if isinstance(value, int | str) else str(value)


def _primary_documents_to_demote(absorbed: Person, survivor: Person) -> dict[Any, dict]:
    """Only one primary document per person: the survivor's stays primary."""
    if not IdentityDocument.objects.filter(person=survivor, is_primary=True).exists():
        return {}
    demoted = list(
        IdentityDocument.objects.filter(person=absorbed, is_primary=True).values_list(
            "pk", flat=True
        )
    )
    IdentityDocument.objects.filter(pk__in=demoted).update(is_primary=False)
    return {pk: {"is_primary": True} for pk in demoted}


def _move_rows(absorbed: Person, survivor: Person) -> list[dict[str, Any]]:
    moved: list[dict[str, Any]] = []
    for rel in moved_relations():
        model: type[Model] = rel.related_model
        name = rel.field.name
        pks = list(model._base_manager.filter(**{name: absorbed.pk}).values_list("pk", flat=True))
        if not pks:
            continue
        changed = (
            _primary_documents_to_demote(absorbed, survivor) if model is IdentityDocument else {}
        )
        try:
            with transaction.atomic():
                model._base_manager.filter(pk__in=pks).update(**{name: survivor.pk})
        except IntegrityError:
            raise Conflict(
                _(
                    "These files cannot be merged as they are: the surviving file already "
                    "has a record of a kind a person may have only once (%(kind)s)."
                )
                % {"kind": model._meta.verbose_name},
                code="merge_unique_conflict",
            ) from None
        moved.extend(
            {
                "model": model._meta.label_lower,
                "table": model._meta.db_table,
                "field": name,
                "pk": _json_pk(pk),
                "changed": changed.get(pk, {}),
            }
            for pk in pks
        )
    return moved


def _lock_persons(*pks: int) -> dict[int, Person]:
    return {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=pks).order_by("pk")}


def _counts(moved: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in moved:
        counts[row["table"]] += 1
    return dict(sorted(counts.items()))


def _audit(action: str, person_id: int, actor: Any, request: Any, reason: str, **details) -> None:
    audit_record(
        action=action,
        target_type="person",
        target_id=person_id,
        request=request,
        actor=actor,
        reason=reason,
        details=details,
    )


@audited_transaction
def person_merge(
    *,
    duplicate: PotentialDuplicate,
    survivor_id: int,
    actor: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> PersonMerge:
    """Merge the pair ``duplicate`` into the file ``survivor_id`` (one of the two)."""
    check_may_merge(actor)
    reason = clean_reason(reason)
    if survivor_id not in (duplicate.first_id, duplicate.second_id):
        raise ValidationFailed(fields={"survivor": _("Choose one of the two files to keep.")})
    absorbed_id = duplicate.other(survivor_id)
    # Files before the pair, in the order every write of a file takes them (a write of a
    # file refreshes its pairs): no two writers wait on each other in a circle.
    persons = _lock_persons(survivor_id, absorbed_id)
    pair = locked_pair(duplicate)
    survivor, absorbed = persons[survivor_id], persons[absorbed_id]
    if survivor.merged_into_id or absorbed.merged_into_id:
        raise Conflict(
            _("One of these files has been merged into another one meanwhile."),
            code="person_merged",
        )
    snapshot = _snapshot(absorbed)
    fins = {"survivor": survivor.fin, "absorbed": absorbed.fin, "adopted": None}
    moved = _move_rows(absorbed, survivor)

    absorbed.merged_into, absorbed.merged_at = survivor, timezone.now()
    if absorbed.fin and not survivor.fin:
        # The person's one FIN, printed on their permits, goes with them to the survivor;
        # its allocation stays recorded against the file it was issued to.
        fins["adopted"], absorbed.fin = absorbed.fin, None
    absorbed.save()
    if fins["adopted"]:
        survivor.fin = fins["adopted"]
        survivor.save(update_fields=["fin", "updated_at"])

    now = timezone.now()
    pair.status, pair.decided_by, pair.decided_at = DuplicateStatus.MERGED, actor, now
    pair.decision_reason = reason
    pair.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
    merge = PersonMerge.objects.create(
        survivor=survivor,
        absorbed=absorbed,
        duplicate=pair,
        snapshot=snapshot,
        moved_rows=moved,
        fins=fins,
        merged_by=actor,
        reason=reason,
    )
    person_keys_refresh(person=absorbed)
    person_keys_refresh(person=survivor)
    common = {"merge": merge.pk, "duplicate": pair.pk, "moved": _counts(moved), "fins": fins}
    _audit("person.merge", survivor.pk, actor, request, reason, absorbed=absorbed.pk, **common)
    _audit(
        "person.merged_into", absorbed.pk, actor, request, reason, survivor=survivor.pk, **common
    )
    # The survivor now holds both files' documents: it may meet other files.
    duplicates_flag(person=survivor, actor=actor, request=request, found_by="person.merge")
    return merge


def _move_back(merge: PersonMerge, survivor: Person, absorbed: Person) -> list[dict[str, Any]]:
    """Re-point each recorded row still on the survivor; the rows that are not (deleted
    since, or moved by a later merge) are returned."""
    by_relation: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in merge.moved_rows:
        by_relation[(row["model"], row["field"])].append(row)
    missing = []
    for (label, name), rows in by_relation.items():
        model = apps.get_model(label)
        pks = [row["pk"] for row in rows]
        present = set(
            model._base_manager.filter(pk__in=pks, **{name: survivor.pk}).values_list(
                "pk", flat=True
            )
        )
        model._base_manager.filter(pk__in=present).update(**{name: absorbed.pk})
        for row in rows:
            pk = model._meta.pk.to_python(row["pk"])
            if pk not in present:
                missing.append({"table": row["table"], "pk": row["pk"]})
            elif row["changed"]:
                model._base_manager.filter(pk=pk).update(**row["changed"])
    return missing


@audited_transaction
def person_unmerge(
    *, merge: PersonMerge, actor: Any, reason: str, request: HttpRequest | None = None
) -> PersonMerge:
    """Undo ``merge``: the rows it moved go back, the merged file is as it was, the pair
    is open again for a new decision."""
    check_may_merge(actor)
    reason = clean_reason(reason)
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.unmerged_at is not None:
        raise Conflict(_("This merge has already been undone."), code="merge_undone")
    persons = _lock_persons(merge.survivor_id, merge.absorbed_id)
    survivor, absorbed = persons[merge.survivor_id], persons[merge.absorbed_id]
    if survivor.merged_into_id:
        raise Conflict(
            _("The surviving file has since been merged into another one: undo that merge first."),
            code="survivor_merged",
        )
    missing = _move_back(merge, survivor, absorbed)

    adopted = (merge.fins or {}).get("adopted")
    if adopted and survivor.fin == adopted:
        survivor.fin = None  # freed first: a FIN is unique
        survivor.save(update_fields=["fin", "updated_at"])
    _restore(absorbed, merge.snapshot)
    absorbed.merged_into, absorbed.merged_at = None, None
    absorbed.save()

    merge.unmerged_at, merge.unmerged_by, merge.unmerge_reason = timezone.now(), actor, reason
    merge.save(update_fields=["unmerged_at", "unmerged_by", "unmerge_reason", "updated_at"])
    if merge.duplicate_id:
        PotentialDuplicate.objects.filter(pk=merge.duplicate_id).update(
            status=DuplicateStatus.OPEN, updated_at=timezone.now()
        )
    person_keys_refresh(person=absorbed)
    person_keys_refresh(person=survivor)
    details = {"merge": merge.pk, "restored": len(merge.moved_rows) - len(missing)}
    if missing:
        details["not_restored"] = missing
    _audit("person.unmerge", survivor.pk, actor, request, reason, absorbed=absorbed.pk, **details)
    _audit("person.unmerged", absorbed.pk, actor, request, reason, survivor=survivor.pk, **details)
    return merge
