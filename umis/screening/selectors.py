"""Every read of the watch list and of the hits."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from umis.core.errors import NotFound
from umis.people.countries import state_name
from umis.screening.engine import Hit
from umis.screening.explanations import explain
from umis.screening.keys import sound_keys
from umis.screening.models import ApplicationScreeningHit, ListKind, WatchListEntry

PAGE_SIZE = 25


def entry_get(*, entry_id: Any) -> WatchListEntry:
    try:
        return WatchListEntry.objects.select_related("entered_by", "lifted_by").get(
            pk=int(entry_id)
        )
    except (WatchListEntry.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def entry_names(entry: WatchListEntry) -> list[str]:
    names = []
    for surname, given in (
        (entry.surname_latin, entry.given_names_latin),
        (entry.surname_native, entry.given_names_native),
    ):
        text = " ".join(p for p in (surname, given) if p)
        if text and text not in names:
            names.append(text)
    return names


def entries_search(
    *, name: str = "", list_kind: str = "", include_lifted: bool = False, page: Any = 1
) -> Page:
    """Entries by name in any script (by the sound of each word), newest first."""
    entries: QuerySet[WatchListEntry] = WatchListEntry.objects.all()
    if list_kind in ListKind.values:
        entries = entries.filter(list_kind=list_kind)
    if not include_lifted:
        entries = entries.filter(lifted_at__isnull=True)
    name = (name or "").strip()
    if name:  # checked by the form (one script, letters only)
        for key in sound_keys([name]):  # every word must sound like a word of the entry
            entries = entries.filter(Q(keys__key=key))
    return Paginator(entries.distinct().order_by("-created_at", "-id"), PAGE_SIZE).get_page(page)


def entry_summary(entry: WatchListEntry) -> dict[str, Any]:
    born = entry.birth_date
    return {
        "list_kind": entry.list_kind,
        "list_kind_label": str(ListKind(entry.list_kind).label),
        "names": entry_names(entry),
        "birth_date": born.iso() if born else "",
        "nationality": entry.nationality,
        "nationality_name": state_name(entry.nationality) if entry.nationality else "",
        "reason": entry.reason,
        "source": entry.source,
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
    }


def _described(entry_id: int, score: int, parts: list[dict[str, Any]], entry: Any) -> dict:
    return {
        "entry_id": entry_id,
        "score": score,
        "explanation": [
            {
                "field": p.field,
                "agreement": p.agreement,
                "points": p.points,
                "field_label": p.field_label,
                "words": p.words,
            }
            for p in explain(parts)
        ],
        "entry": entry_summary(entry),
    }


def hits_described(hits: list[Hit]) -> list[dict[str, Any]]:
    entries = WatchListEntry.objects.in_bulk([hit.entry_id for hit in hits])
    return [_described(h.entry_id, h.score, h.explanation, entries[h.entry_id]) for h in hits]


def hits_for_application(application: Any) -> list[dict[str, Any]]:
    """The hits found at the application's submission, for its office page."""
    rows = ApplicationScreeningHit.objects.filter(application=application).select_related("entry")
    return [_described(r.entry_id, r.score, r.explanation, r.entry) for r in rows]
