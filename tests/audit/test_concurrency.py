"""Many writers at once: the chain never forks and has no gaps."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from umis.audit.models import AuditEntry
from umis.audit.services import audit_record
from umis.audit.verify import audit_chain_verify

WRITERS = 8
ENTRIES_EACH = 15


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_build_one_intact_chain():
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        pytest.skip("threads cannot share an in-memory SQLite database")
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for i in range(ENTRIES_EACH):
                # Each entry in the writer's own transaction, beside some other work,
                # as a service would do it.
                with transaction.atomic():
                    AuditEntry.objects.count()
                    audit_record(
                        action="person.view",
                        target_type="person",
                        target_id=f"{number}-{i}",
                        details={"writer": number},
                    )
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    total = WRITERS * ENTRIES_EACH
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, total + 1))
    assert len(set(AuditEntry.objects.values_list("prev_hash", flat=True))) == total
    result = audit_chain_verify()
    assert result.ok, str(result)
    assert result.count == total
