"""Expire the permits whose validity has ended, now, and keep the daily run scheduled."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from umis.permits.tasks import expire_permits


class Command(BaseCommand):
    help = "Mark the permits past their last valid day expired (the daily task, run now)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_permits.call()
        self.stdout.write(_("Permits expired: %(count)d.") % {"count": count})
