"""Pull the border system's feed of crossings now (the task worker does it every few
minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from umis.border.feed import border_feed_pull
from umis.exchange.client import ExchangeError


class Command(BaseCommand):
    help = "Pull the new crossings from the border system's feed, link and screen them."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = border_feed_pull()
        except ExchangeError as exc:
            raise CommandError(f"The border system did not answer: {exc}") from exc
        self.stdout.write(
            f"Crossings stored: {result.stored} (already stored: {result.already_stored}); "
            f"linked {result.linked}, possible {result.possible}, unlinked {result.unlinked}; "
            f"watch-list hits {result.watchlist_hits}."
        )
