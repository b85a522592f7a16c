"""The message log as a chain: deleted entries, cut ends and a forged head are caught."""

from __future__ import annotations

import threading
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from umis.exchange import systems
from umis.exchange.log_verify import exchange_log_verify
from umis.exchange.models import ExchangeLogHead, ExchangeMessage

pytestmark = pytest.mark.django_db


def entry_exit(document: str = "P12345678") -> None:
    systems.border().entry_exit(
        document_number=document,
        nationality="IRN",
        birth_date=date(1988, 4, 17),
        arrival_date=date(2026, 11, 20),
        reference="UMIS-2026-TEST0001",
    )


def entries(count: int) -> list[ExchangeMessage]:
    for _ in range(count):
        entry_exit()
    return list(ExchangeMessage.objects.order_by("seq"))


def test_entries_are_numbered_and_linked_and_the_head_names_the_last():
    written = entries(3)
    assert [m.seq for m in written] == [1, 2, 3]
    assert written[1].previous_seal_hash != written[2].previous_seal_hash
    assert ExchangeLogHead.objects.get().seq == 3
    assert exchange_log_verify().ok


def test_an_entry_deleted_from_the_middle_is_caught():
    written = entries(4)
    ExchangeMessage.objects.filter(pk=written[1].pk).delete()

    result = exchange_log_verify()
    assert not result.ok
    [(message, problems)] = result.broken
    assert message.seq == 3 and problems == ["1 entries before this one are missing"]
    with pytest.raises(CommandError, match="1 of 3 entries broken"):
        call_command("exchange_verify", stdout=StringIO(), stderr=StringIO())


def test_the_first_entry_deleted_is_caught():
    written = entries(2)
    ExchangeMessage.objects.filter(pk=written[0].pk).delete()
    [(message, problems)] = exchange_log_verify().broken
    assert message.seq == 2 and problems == ["entries before this one are missing"]


def test_entries_cut_off_the_end_are_caught_by_the_head():
    written = entries(3)
    ExchangeMessage.objects.filter(pk=written[2].pk).delete()
    result = exchange_log_verify()
    assert not result.broken
    assert result.chain == ["the log ends at entry 2 but was written up to 3: entries are missing"]
    err = StringIO()
    with pytest.raises(CommandError, match="1 problems with the log as a whole"):
        call_command("exchange_verify", stdout=StringIO(), stderr=err)
    assert "entries are missing" in err.getvalue()


def test_the_whole_log_deleted_is_caught_by_the_head():
    entries(2)
    ExchangeMessage.objects.all().delete()
    assert exchange_log_verify().chain == ["the head names 2 entries; none are in the log"]


def test_a_head_moved_back_by_hand_does_not_verify():
    written = entries(3)
    ExchangeMessage.objects.filter(pk=written[2].pk).delete()
    ExchangeLogHead.objects.update(seq=2, last_seal_hash=written[2].previous_seal_hash)
    assert exchange_log_verify().chain == [
        "the log's head does not verify: it was changed after it was written"
    ]


def test_a_renumbered_entry_breaks_its_seal():
    written = entries(3)
    ExchangeMessage.objects.filter(pk=written[1].pk).delete()
    ExchangeMessage.objects.filter(pk=written[2].pk).update(seq=2)
    [(message, problems)] = exchange_log_verify().broken
    assert "the entry's seal does not verify: it was changed after it was written" in problems


def test_since_still_checks_the_link_into_the_first_entry_read():
    written = entries(3)
    ExchangeMessage.objects.filter(pk=written[0].pk).delete()
    since = written[1].created_at.date()
    assert not exchange_log_verify(since=since).ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_make_one_gapless_chain():
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        pytest.skip("threads cannot share an in-memory SQLite database")
    writers, each = 4, 5
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for i in range(each):
                entry_exit(f"P{number}{i}23458")
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    seqs = list(ExchangeMessage.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, writers * each + 1))
    assert exchange_log_verify().ok
