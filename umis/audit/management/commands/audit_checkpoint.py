"""Sign the head of the audit log and write it as a new checkpoint file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from umis.audit.services import CheckpointRefused, audit_checkpoint_create


class Command(BaseCommand):
    help = "Sign the current head of the audit log (run regularly, e.g. every hour)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--full",
            action="store_true",
            help="verify the whole chain before signing, not only what is new since the "
            "previous checkpoint",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = audit_checkpoint_create(full=options["full"])
        except CheckpointRefused as exc:
            raise CommandError(
                _("Not signed: the audit log failed verification: %(problem)s")
                % {"problem": exc.result.problem}
            ) from exc
        self.stdout.write(
            _("Checkpoint #%(seq)s %(hash)s written to %(path)s.")
            % {"seq": checkpoint.seq, "hash": checkpoint.head_hash, "path": checkpoint.path}
        )
