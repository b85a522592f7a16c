"""UMIS's exchange keys and the trust registry: list them, or make a new key."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from umis.core.signing_keys import keyring_listing, new_signing_key, raw_public
from umis.exchange.members import own_keyring, own_member, trust_registry


class Command(BaseCommand):
    help = (
        "List UMIS's exchange keys (ids and public keys; never a private key) with the entry "
        "the other members add to their trust registries, and the members UMIS trusts; or "
        "print a new key to add to UMIS_EXCHANGE_SIGNING_KEYS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--list", action="store_true", help="list the keys (the default)")
        group.add_argument("--new", action="store_true", help="generate a new key, print it once")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new"]:
            kid, private, public = new_signing_key()
            self.stdout.write(
                _(
                    "A new exchange signing key. Add the first line to UMIS_EXCHANGE_SIGNING_KEYS "
                    "(comma-separated), then set UMIS_EXCHANGE_SIGNING_ACTIVE_KEY=%(kid)s to sign "
                    "with it. Keep it secret: it is not stored anywhere."
                )
                % {"kid": kid}
            )
            self.stdout.write(f"{kid}:{private}")
            self.stdout.write(
                _("Its public key, for UMIS_EXCHANGE_VERIFY_KEYS once it is retired:")
            )
            self.stdout.write(f"{kid}:{public}")
            return
        ring = own_keyring()
        self.stdout.write(own_member())
        for kid, role, public in keyring_listing(ring):
            self.stdout.write(f"{kid}\t{role}\t{kid}:{public}")
        self.stdout.write(_("For the other members' trust registries:"))
        entry = {
            own_member(): {
                kid: base64.b64encode(raw_public(key)).decode()
                for kid, key in ring.verifying.items()
            }
        }
        self.stdout.write(json.dumps(entry, indent=2, sort_keys=True))
        self.stdout.write(_("Members UMIS trusts, with their key ids:"))
        for member, keys in sorted(trust_registry().items()):
            if member != own_member():
                self.stdout.write(f"{member}\t{', '.join(sorted(keys)) or '-'}")
