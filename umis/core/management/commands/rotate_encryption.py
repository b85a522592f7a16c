"""Re-encrypt every encrypted column under the active key, in batches.

Run after adding a new key to UMIS_ENCRYPTION_KEYS and making it UMIS_ENCRYPTION_ACTIVE_KEY.
Safe to interrupt and run again: each batch is its own transaction and only rows still
written under an older key are picked up. Remove an old key from the keyring only after a
run reports nothing left to rotate.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from umis.core import crypto


def rotate_field(model: Any, field: crypto.EncryptedTextField, *, batch_size: int) -> int:
    """Rewrite the rows of one column that are not under the active key; returns the count."""
    active_prefix = f"{crypto.VERSION}:{crypto.keyring().active}:"
    stale = model._base_manager.exclude(**{f"{field.name}__isnull": True}).exclude(
        **{f"{field.name}__startswith": active_prefix}
    )
    done = 0
    last_pk: Any = None
    while True:
        page = stale.order_by("pk")
        if last_pk is not None:
            page = page.filter(pk__gt=last_pk)
        pks = list(page.values_list("pk", flat=True)[:batch_size])
        if not pks:
            return done
        with transaction.atomic():
            # Lock the rows so a concurrent edit is not overwritten with the value read here.
            rows = list(model._base_manager.select_for_update().filter(pk__in=pks).only(field.name))
            # Loading decrypts with whichever key each row names; saving encrypts with the
            # active key.
            model._base_manager.bulk_update(rows, [field.attname])
        done += len(rows)
        last_pk = pks[-1]


class Command(BaseCommand):
    help = "Re-encrypt values written under older keys with UMIS_ENCRYPTION_ACTIVE_KEY."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        ring = crypto.keyring()
        total = 0
        for model, field in crypto.encrypted_fields():
            count = rotate_field(model, field, batch_size=max(1, batch_size))
            total += count
            self.stdout.write(f"{model._meta.label}.{field.name}: {count} re-encrypted")
        self.stdout.write(f"Done: {total} value(s) now under key {ring.active!r}.")
