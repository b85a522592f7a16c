"""Prove the audit log intact: exit 0 when it is, non-zero naming the first bad entry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from umis.audit.checkpoints import checkpoint_dir
from umis.audit.verify import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log and the latest signed checkpoint."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--checkpoint", metavar="FILE", help="verify against this checkpoint file"
        )
        group.add_argument("--no-checkpoint", action="store_true", help="check the hash chain only")

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_chain_verify(options["checkpoint"], use_latest=not options["no_checkpoint"])
        if not result.ok:
            raise CommandError(
                _("Audit log verification FAILED: %(problem)s") % {"problem": result.problem}
            )
        self.stdout.write(
            _("Audit log intact: %(count)s entries, head #%(seq)s %(hash)s.")
            % {"count": result.count, "seq": result.head_seq, "hash": result.head_hash}
        )
        cp = result.checkpoint
        if cp is not None:
            self.stdout.write(
                _("Matches checkpoint %(name)s: #%(seq)s signed %(time)s with key %(key)s.")
                % {"name": cp.name, "seq": cp.seq, "time": cp.created_at, "key": cp.key_id}
            )
        elif not options["no_checkpoint"]:
            self.stdout.write(
                _(
                    "No checkpoint in %(dir)s: run audit_checkpoint regularly, or the removal "
                    "of the newest entries cannot be detected."
                )
                % {"dir": checkpoint_dir()}
            )
