"""Pulling the border system's feed of crossings, page by page, from the stored cursor.

Each page is asked with no transaction open (another system), then stored with the
cursor's move in one transaction (``border_crossings_store``). A run that another run
overtook stops; one that fails (the system down) leaves the cursor where it was, and the
next run asks again from there.
"""

from __future__ import annotations

from django.conf import settings

from umis.border.models import CrossingSource, FeedCursor
from umis.border.services import (
    CursorMoved,
    StoreResult,
    border_crossings_relink,
    border_crossings_store,
)
from umis.exchange import systems

FEED = "border.crossings"
MAX_PAGES = 20  # a run stops after this many pages; the next one carries on


def feed_cursor() -> str:
    return FeedCursor.objects.filter(pk=FEED).values_list("cursor", flat=True).first() or ""


def border_feed_pull(*, page_size: int | None = None, max_pages: int = MAX_PAGES) -> StoreResult:
    """One run: every page the feed has now (up to ``max_pages``), then the crossings
    still unlinked matched again against the registry as it is."""
    limit = page_size or settings.UMIS_BORDER_FEED_PAGE_SIZE
    total = StoreResult()
    for _page in range(max_pages):
        cursor = feed_cursor()
        answer = systems.border().crossings_feed(cursor=cursor, limit=limit)
        try:
            stored = border_crossings_store(
                crossings=answer.crossings,
                source=CrossingSource.FEED,
                feed=FEED,
                cursor_from=cursor,
                cursor_to=answer.next_cursor,
            )
        except CursorMoved:
            break  # another run stored this page; it carries on from here
        total.add(stored)
        if not answer.more:
            break
    border_crossings_relink()
    return total
