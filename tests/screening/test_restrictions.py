"""Loading the watch list from the border system's restrictions list (its simulator)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from tests.screening.helpers import enter
from umis.audit.models import AuditEntry
from umis.exchange.models import ExchangeMessage
from umis.exchange.simulators import border as simulators
from umis.screening.engine import screen_person
from umis.screening.models import WatchListEntry

pytestmark = pytest.mark.django_db


def test_the_list_is_loaded_and_screened_against(capsys):
    officer_entry = enter()
    call_command("load_restrictions")
    assert "created: 3" in capsys.readouterr().out
    border = WatchListEntry.objects.filter(source="border")
    assert border.count() == 3
    hosseini = border.get(source_reference="RL-2025-000042")
    assert (hosseini.surname_native, hosseini.surname_latin) == ("حسینی", "HOSSEINI")
    assert hosseini.birth_date.iso() == "1990-02"
    assert ExchangeMessage.objects.get(operation="restrictions/list").outcome == "ok"
    refresh = AuditEntry.objects.get(action="watchlist.refresh")
    assert refresh.details["created"] == 3

    result = screen_person(
        names=[("Petrenko", "Oleg")], birth_date="1981-09-14", on=date(2026, 6, 1)
    )
    assert [h.entry_id for h in result.hits] == [border.get(source_reference="RL-2024-000117").pk]
    officer_entry.refresh_from_db()
    assert not officer_entry.is_lifted


def test_a_refresh_updates_changed_entries_and_lifts_removed_ones(monkeypatch, capsys):
    call_command("load_restrictions")
    changed = [dict(r) for r in simulators.RESTRICTIONS[:2]]
    changed[0]["reason"] = "Entry ban extended (decision 3/2026)."
    changed[1]["birth_date"] = "1990-02-31"  # unreadable: skipped, the entry kept
    monkeypatch.setattr(simulators, "RESTRICTIONS", changed)
    call_command("load_restrictions")
    out = capsys.readouterr().out
    assert "updated: 1" in out and "lifted: 1" in out and "skipped: 1" in out
    assert WatchListEntry.objects.get(source_reference="RL-2025-000301").is_lifted
    assert not WatchListEntry.objects.get(source_reference="RL-2025-000042").is_lifted
    assert WatchListEntry.objects.get(source_reference="RL-2024-000117").reason.startswith(
        "Entry ban extended"
    )


def test_keys_are_rebuilt_with_the_normaliser_as_it_is_now(capsys):
    from umis.screening.models import WatchListKey

    entry = enter()
    expected = set(WatchListKey.objects.filter(entry=entry).values_list("key", "birth_year"))
    WatchListKey.objects.filter(entry=entry).delete()
    WatchListEntry.objects.filter(pk=entry.pk).update(match_names="stale")
    assert not screen_person(
        names=[("Rezaei", "Mohammad Reza")], birth_date="1988-04-17", on=date(2026, 6, 1)
    ).is_hit

    call_command("rebuild_watchlist_keys")

    assert "entries: 1" in capsys.readouterr().out
    rebuilt = set(WatchListKey.objects.filter(entry=entry).values_list("key", "birth_year"))
    assert rebuilt == expected
    assert screen_person(
        names=[("Rezaei", "Mohammad Reza")], birth_date="1988-04-17", on=date(2026, 6, 1)
    ).is_hit
    assert AuditEntry.objects.filter(action="watchlist.rebuild_keys").exists()
