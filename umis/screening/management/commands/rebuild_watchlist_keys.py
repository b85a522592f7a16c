"""manage.py rebuild_watchlist_keys: recompute the watch list's name forms and blocking keys
with the current name normaliser (run after its NORMALISER_VERSION changes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from umis.screening.services import watchlist_keys_rebuild


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"entries: {watchlist_keys_rebuild()}")
