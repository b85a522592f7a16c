"""Rewrite every person's blocking keys and name search key (after a change to how names are
normalised)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from umis.people.duplicates import blocking_keys_rebuild
from umis.people.services import search_keys_rebuild


class Command(BaseCommand):
    help = (
        "Rewrite every person's blocking keys and name search key, as the current code makes them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = blocking_keys_rebuild()
        self.stdout.write(_("Blocking keys rewritten: %(count)d.") % {"count": written})
        changed = search_keys_rebuild()
        self.stdout.write(_("Name search keys rewritten: %(count)d.") % {"count": changed})
