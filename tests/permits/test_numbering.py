"""Permit numbers: one series per type and year, never a number twice, even at once."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from umis.permits.models import PermitSeries
from umis.permits.numbering import next_permit_number
from umis.permits.types import SERIES, PermitType, permit_number

WRITERS = 8
EACH = 5


def test_the_number_reads_series_year_and_seven_digits():
    assert permit_number(PermitType.TEMPORARY_RESIDENCE, 2026, 42) == "TRP-2026-0000042"
    assert permit_number(PermitType.REGISTRATION, 2027, 1) == "REG-2027-0000001"
    # Alphanumeric-mode characters only: the number travels in a QR code.
    assert all(set(prefix) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for prefix in SERIES.values())
    assert set(SERIES) == set(PermitType.values)


@pytest.mark.django_db
def test_numbers_follow_each_other_per_type_and_start_again_each_year():
    with transaction.atomic():
        taken = [next_permit_number(permit_type="work", year=2026) for _ in range(3)]
        other = next_permit_number(permit_type="registration", year=2026)
        next_year = next_permit_number(permit_type="work", year=2027)
    assert [n for n, _ in taken] == [1, 2, 3]
    assert taken[2][1] == "WP-2026-0000003"
    assert other == (1, "REG-2026-0000001")
    assert next_year == (1, "WP-2027-0000001")


@pytest.mark.django_db(transaction=True)
def test_a_number_is_taken_only_inside_a_transaction():
    with pytest.raises(RuntimeError):
        next_permit_number(permit_type="work", year=2026)


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        next_permit_number(permit_type="work", year=2026)
        1 / 0  # noqa: B018 - the issue fails after taking its number
    with transaction.atomic():
        assert next_permit_number(permit_type="work", year=2026)[0] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("series_exists", [False, True], ids=["first-of-year", "running"])
def test_concurrent_issues_never_share_or_skip_a_number(series_exists):
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        pytest.skip("threads cannot share an in-memory SQLite database")
    if series_exists:
        PermitSeries.objects.create(permit_type="temporary_residence", year=2026, last_number=0)
    start = threading.Barrier(WRITERS)
    taken: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            start.wait()
            for _ in range(EACH):
                with transaction.atomic():
                    sequence, _number = next_permit_number(
                        permit_type="temporary_residence", year=2026
                    )
                    time.sleep(0.002)  # the rest of the issue, with the series locked
                    taken.append(sequence)
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert sorted(taken) == list(range(1, WRITERS * EACH + 1))
    assert PermitSeries.objects.get().last_number == WRITERS * EACH
