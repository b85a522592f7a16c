"""Building chains, tampering with them like an attacker would, and signing staff in."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, models

from tests.conftest import sign_in_with_second_factor
from umis.accounts.models import Department, User
from umis.audit.chain import compute_entry_hash
from umis.audit.models import AuditEntry
from umis.audit.services import audit_record

TABLE = AuditEntry._meta.db_table
ACTIONS = ["person.view", "person.create", "person.update", "document.add", "audit.search"]


def build_chain(n: int, *, actor=None) -> list[AuditEntry]:
    return [
        audit_record(
            action=ACTIONS[i % len(ACTIONS)],
            target_type="person",
            target_id=1000 + i,
            actor=actor,
            reason=f"case review {i}",
            outcome="success" if i % 7 else "denied",
            details={"i": i, "fields": ["name", "birth_date"], "note": "ünïcode ✓"},
        )
        for i in range(n)
    ]


def raw_rows() -> models.QuerySet:
    """A plain queryset on the audit table: the model's own guard does not apply."""
    return models.QuerySet(model=AuditEntry)


@contextmanager
def tampering():
    """On PostgreSQL, switch the append-only triggers off, as a table owner could."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")


def tamper_update(seq: int, **values) -> None:
    with tampering():
        assert raw_rows().filter(seq=seq).update(**values) == 1


def tamper_delete(*seqs: int) -> None:
    with tampering():
        raw_rows().filter(seq__in=seqs).delete()


def rehash_from(seq: int) -> None:
    """What an attacker with write access does after an edit: recompute every later hash."""
    with tampering():
        prev_hash = AuditEntry.objects.get(seq=seq - 1).entry_hash if seq > 1 else "0" * 64
        for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
            entry.prev_hash = prev_hash
            entry.entry_hash = compute_entry_hash(entry.hash_fields())
            raw_rows().filter(pk=entry.pk).update(
                prev_hash=entry.prev_hash, entry_hash=entry.entry_hash
            )
            prev_hash = entry.entry_hash


def make_department(code: str = "hq", kind: str = Department.Kind.HEADQUARTERS) -> Department:
    return Department.objects.get_or_create(
        code=code,
        defaults={"kind": kind, "name_az": code, "name_ru": code, "name_en": code.upper()},
    )[0]


def make_staff(username: str, role: str, department: Department | None = None) -> User:
    return User.objects.create_user(
        username=username,
        password="a-long-test-password-1",
        role=role,
        department=department or make_department(),
    )


def login_verified(client, user: User) -> None:
    """Sign in with a confirmed second factor, as django_otp.login would record it."""
    sign_in_with_second_factor(user, client)
