"""Every write to the watch list: enter, change, lift, and refresh from the border
system's restrictions list; each in one transaction with its audit row.

The matching columns and the blocking keys are rewritten with the entry, so that the
screening never sees an entry without its keys.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.services import audit_record, audited_transaction
from umis.core.calendar import SERVICE_TZ
from umis.core.errors import Conflict, ValidationFailed
from umis.people.models import document_number_index
from umis.screening.engine import ScreeningResult, screen_person
from umis.screening.entry_input import CleanEntry, EntryInput, clean_entry
from umis.screening.keys import (
    NAME_SEPARATOR,
    canonical_forms,
    document_indexes,
    entry_keys,
    split_forms,
)
from umis.screening.models import (
    EntrySource,
    WatchListDocument,
    WatchListEntry,
    WatchListKey,
)

TARGET = "watchlist_entry"
logger = logging.getLogger(__name__)


def service_today() -> date:
    return timezone.localtime(timezone=SERVICE_TZ).date()


NAME_FIELDS = ("surname_native", "given_names_native", "surname_latin", "given_names_latin")


def _forms(values: dict[str, Any]) -> list[str]:
    return canonical_forms(
        [
            (str(values["surname_native"]), str(values["given_names_native"])),
            (str(values["surname_latin"]), str(values["given_names_latin"])),
        ]
    )


def _write(entry: WatchListEntry, clean: CleanEntry) -> WatchListEntry:
    """Save the entry with its documents, matching columns and keys."""
    for name, value in clean.values.items():
        setattr(entry, name, value)
    forms = _forms(clean.values)
    if not forms:
        raise ValidationFailed(
            {"surname_latin": _("The name has no letters that can be compared.")}
        )
    indexes = document_indexes(clean.document_numbers)
    entry.match_names = NAME_SEPARATOR.join(forms)
    entry.document_indexes = " ".join(indexes)
    entry.save()
    entry.documents.all().delete()
    WatchListDocument.objects.bulk_create(
        WatchListDocument(entry=entry, number=number, number_index=document_number_index(number))
        for number in clean.document_numbers
    )
    entry.keys.all().delete()
    WatchListKey.objects.bulk_create(
        WatchListKey(entry=entry, key=key, birth_year=entry.birth_year)
        for key in sorted(entry_keys(forms, indexes))
    )
    return entry


def _details(entry: WatchListEntry) -> dict[str, Any]:
    # Never a document number or a name: the log says what changed, the entry says who.
    return {"list_kind": entry.list_kind, "source": entry.source}


@audited_transaction
def watchlist_entry_create(
    *, data: EntryInput, actor: Any, request: HttpRequest | None = None
) -> WatchListEntry:
    clean = clean_entry(data, today=service_today())
    entry = _write(WatchListEntry(entered_by=actor if _is_user(actor) else None), clean)
    audit_record(
        action="watchlist.create",
        target_type=TARGET,
        target_id=entry.pk,
        request=request,
        actor=actor,
        details=_details(entry),
    )
    return entry


@audited_transaction
def watchlist_entry_update(
    *,
    entry: WatchListEntry,
    data: EntryInput,
    actor: Any,
    request: HttpRequest | None = None,
) -> WatchListEntry:
    clean = clean_entry(data, today=service_today())
    current = WatchListEntry.objects.select_for_update().get(pk=entry.pk)
    if current.is_lifted:
        raise Conflict(_("This entry has been lifted and can no longer be changed."))
    current = _write(current, clean)
    audit_record(
        action="watchlist.update",
        target_type=TARGET,
        target_id=current.pk,
        request=request,
        actor=actor,
        details=_details(current),
    )
    return current


@audited_transaction
def watchlist_entry_lift(
    *, entry: WatchListEntry, reason: str, actor: Any, request: HttpRequest | None = None
) -> WatchListEntry:
    """End an entry now (it stays on record, and no longer counts in any screening)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"lift_reason": _("Reason: enter why the entry is lifted.")})
    if len(reason) > 2000:
        raise ValidationFailed({"lift_reason": _("Reason: at most 2000 characters.")})
    current = WatchListEntry.objects.select_for_update().get(pk=entry.pk)
    if current.is_lifted:
        raise Conflict(_("This entry has already been lifted."))
    current.lifted_at = timezone.now()
    current.lifted_by = actor if _is_user(actor) else None
    current.lift_reason = reason
    current.save(update_fields=["lifted_at", "lifted_by", "lift_reason", "updated_at"])
    audit_record(
        action="watchlist.lift",
        target_type=TARGET,
        target_id=current.pk,
        request=request,
        actor=actor,
        reason=reason,
        details=_details(current),
    )
    return current


def _is_user(actor: Any) -> bool:
    return actor is not None and hasattr(actor, "get_username") and actor.pk is not None


@audited_transaction
def watchlist_restrictions_refresh(
    *, records: list[EntryInput], actor: Any = None
) -> dict[str, int]:
    """Make the border system's entries match its list as just received.

    ``records`` come from the border adapter (fetched before, outside any transaction),
    each with its ``source_reference``. New ones are entered, known ones updated, and
    those the list no longer holds are lifted; one that cannot be read is skipped and its
    entry left as it was. An officer's entries are never touched.
    """
    today = service_today()
    existing = {
        e.source_reference: e
        for e in WatchListEntry.objects.select_for_update().filter(
            source=EntrySource.BORDER_RESTRICTIONS, lifted_at__isnull=True
        )
    }
    counts = {"created": 0, "updated": 0, "lifted": 0, "unchanged": 0, "skipped": 0}
    seen = set()
    for record in records:
        record.source = EntrySource.BORDER_RESTRICTIONS
        reference = (record.source_reference or "").strip()
        if not reference or reference in seen:
            continue
        seen.add(reference)
        try:
            clean = clean_entry(record, today=today)
        except ValidationFailed as exc:
            # Unreadable here: kept as it was (never lifted for it), counted, logged.
            counts["skipped"] += 1
            logger.warning("Restriction %s skipped: %s", reference, sorted(exc.fields))
            continue
        entry = existing.get(reference)
        if entry is None:
            _write(WatchListEntry(), clean)
            counts["created"] += 1
        elif _differs(entry, clean):
            _write(entry, clean)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    gone = [e.pk for ref, e in existing.items() if ref not in seen]
    WatchListEntry.objects.filter(pk__in=gone).update(
        lifted_at=timezone.now(),
        lift_reason="",  # shown as "no longer on the border system's list", translated
        updated_at=timezone.now(),
    )
    counts["lifted"] = len(gone)
    audit_record(
        action="watchlist.refresh",
        target_type="watchlist",
        target_id=EntrySource.BORDER_RESTRICTIONS,
        actor=actor,
        details=counts,
    )
    return counts


def _differs(entry: WatchListEntry, clean: CleanEntry) -> bool:
    if any(getattr(entry, name) != value for name, value in clean.values.items()):
        return True
    return entry.document_indexes != " ".join(document_indexes(clean.document_numbers))


@audited_transaction
def screening_check(
    *,
    names: list[tuple[str, str]],
    birth_date: str,
    nationality: str,
    sex: str,
    document_numbers: list[str],
    on: date | None,
    request: HttpRequest,
) -> tuple[date, ScreeningResult]:
    """A screening asked by another system (or a member of staff), recorded in the audit
    log with the entries hit; the person's data are not written there."""
    day = on or service_today()
    result = screen_person(
        names=names,
        birth_date=birth_date,
        nationality=nationality,
        sex=sex,
        document_numbers=document_numbers,
        on=day,
    )
    audit_record(
        action="screening.check",
        target_type="watchlist",
        target_id="check",
        request=request,
        details={"on": day.isoformat(), "entries": [hit.entry_id for hit in result.hits]},
    )
    return day, result


def watchlist_search_record(
    *, request: HttpRequest, filters: dict[str, Any], entry_ids: list[int]
) -> None:
    """Who searched the watch list, how, and which entries they were shown."""
    with transaction.atomic():
        audit_record(
            action="watchlist.search",
            target_type="watchlist",
            target_id="search",
            request=request,
            details={"filters": filters, "shown": entry_ids},
        )


def watchlist_view_record(*, entry: WatchListEntry, request: HttpRequest) -> None:
    with transaction.atomic():
        audit_record(
            action="watchlist.view", target_type=TARGET, target_id=entry.pk, request=request
        )


BATCH = 2000


def watchlist_keys_rebuild() -> int:
    """Recompute every entry's name forms and blocking keys with the normaliser as it is now
    (run after ``NORMALISER_VERSION`` changes: keys made by an older normaliser would no
    longer meet the keys of a query). One transaction per batch; returns the entries done."""
    done = 0
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(
                WatchListEntry.objects.filter(pk__gt=last_id)
                .order_by("pk")
                .only("pk", "birth_year", *NAME_FIELDS, "document_indexes")[:BATCH]
            )
            if not batch:
                return done
            for entry in batch:
                forms = _forms({name: getattr(entry, name) for name in NAME_FIELDS})
                entry.match_names = NAME_SEPARATOR.join(forms)
            WatchListEntry.objects.bulk_update(batch, ["match_names"])
            WatchListKey.objects.filter(entry__in=batch).delete()
            WatchListKey.objects.bulk_create(
                WatchListKey(entry=entry, key=key, birth_year=entry.birth_year)
                for entry in batch
                for key in sorted(
                    entry_keys(split_forms(entry.match_names), entry.document_indexes.split())
                )
            )
            audit_record(
                action="watchlist.rebuild_keys",
                target_type="watchlist",
                target_id=f"{batch[0].pk}-{batch[-1].pk}",
                details={"entries": len(batch)},
            )
        done += len(batch)
        last_id = batch[-1].pk
