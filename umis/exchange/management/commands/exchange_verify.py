"""Re-verify the exchange's message log: exit 0 when every entry is intact, non-zero
listing the broken ones."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from umis.exchange.log_verify import exchange_log_verify


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--since must be a date such as 2026-03-01, not %(value)r") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Check every entry of the exchange message log: its seal, the request's signature "
        "and the answer's signature against the trust registry."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", metavar="DATE", help="only entries from this day on")

    def handle(self, *args: Any, **options: Any) -> None:
        since = _day(options["since"]) if options["since"] else None
        result = exchange_log_verify(since=since)
        for message, problems in result.broken:
            self.stderr.write(
                _("Entry %(id)s (message %(message)s, %(system)s %(reference)s): %(problems)s")
                % {
                    "id": message.pk,
                    "message": message.message_id or "-",
                    "system": message.system,
                    "reference": message.reference or "-",
                    "problems": "; ".join(problems),
                }
            )
        for problem in result.chain:
            self.stderr.write(_("The log as a whole: %(problem)s") % {"problem": problem})
        if result.before_signing:
            self.stdout.write(
                _("%(count)s entries from before the log was signed were not checked.")
                % {"count": result.before_signing}
            )
        if not result.ok:
            raise CommandError(
                _(
                    "Exchange log verification FAILED: %(broken)s of %(checked)s entries "
                    "broken, %(chain)s problems with the log as a whole."
                )
                % {
                    "broken": len(result.broken),
                    "checked": result.checked,
                    "chain": len(result.chain),
                }
            )
        self.stdout.write(
            _("Exchange log intact: %(checked)s entries checked.") % {"checked": result.checked}
        )
