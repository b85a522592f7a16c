"""manage.py load_restrictions: bring the watch list in line with the border system's
restrictions list (new entries entered, changed ones updated, removed ones lifted)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from umis.exchange.client import ExchangeError
from umis.screening.restrictions import watchlist_restrictions_load


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = watchlist_restrictions_load()
        except ExchangeError as exc:
            raise CommandError(f"The border system did not give its list: {exc}") from exc
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
