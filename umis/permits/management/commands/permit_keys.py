"""The keys that sign permits' QR codes: list the configured ones, or make a new one."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from umis.core.signing_keys import keyring_listing
from umis.permits.signing import keyring, new_signing_key


class Command(BaseCommand):
    help = (
        "List the permit signing keys (ids and public keys; never a private key), or print "
        "a new key to add to UMIS_PERMIT_SIGNING_KEYS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--list", action="store_true", help="list the configured key ids (the default)"
        )
        group.add_argument(
            "--new", action="store_true", help="generate a new key and print it once"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new"]:
            self._new()
        else:
            self._list()

    def _new(self) -> None:
        kid, private, public = new_signing_key()
        self.stdout.write(
            _(
                "A new permit signing key. Add the first line to UMIS_PERMIT_SIGNING_KEYS "
                "(comma-separated), then set UMIS_PERMIT_SIGNING_ACTIVE_KEY=%(kid)s to sign "
                "with it. Keep it secret: it is not stored anywhere."
            )
            % {"kid": kid}
        )
        self.stdout.write(f"{kid}:{private}")
        self.stdout.write(_("Its public key, for UMIS_PERMIT_VERIFY_KEYS once it is retired:"))
        self.stdout.write(f"{kid}:{public}")

    def _list(self) -> None:
        for kid, role, public in keyring_listing(keyring()):
            self.stdout.write(f"{kid}\t{role}\t{kid}:{public}")
