"""Load policy values from umis/core/policy_data/*.json (or the files given).

Idempotent: run it after editing a data file; unchanged values are left alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from umis.core.errors import ValidationFailed
from umis.core.policy import POLICY_DATA_DIR, policy_file_load


class Command(BaseCommand):
    help = "Load effective-dated policy values (deadlines, fees, limits) from data files."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="*", help="Data files; default: all shipped files.")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(f) for f in options["files"]] or sorted(POLICY_DATA_DIR.glob("*.json"))
        for path in paths:
            try:
                changed = policy_file_load(path=path)
            except ValidationFailed as exc:
                problems = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
                raise CommandError(f"{path.name}: {problems}") from None
            self.stdout.write(f"{path.name}: {changed} value(s) created or changed")
