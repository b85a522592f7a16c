"""The next number of a permit series, taken inside the issuing transaction.

The series row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the
IMMEDIATE transaction already serialises writers) and incremented; the lock is held until
the issue commits, so a number is never given twice and a rolled-back issue gives its
number back. The first issue of a year creates the row: two first issues at once both try
to insert it, the unique constraint lets one win, and the other (inside a savepoint) reads
the winner's row. The unique constraint on (type, year, sequence) is the last line of
defence.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from umis.permits.models import PermitSeries
from umis.permits.types import permit_number


def _locked_series(permit_type: str, year: int) -> PermitSeries | None:
    return (
        PermitSeries.objects.select_for_update().filter(permit_type=permit_type, year=year).first()
    )


def next_permit_number(*, permit_type: str, year: int) -> tuple[int, str]:
    """(sequence, number) of the next permit of ``permit_type`` issued in ``year``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a permit number is taken inside the issuing transaction")
    series = _locked_series(permit_type, year)
    if series is None:
        try:
            with transaction.atomic():  # a savepoint: losing the race undoes only this
                PermitSeries.objects.create(permit_type=permit_type, year=year, last_number=0)
        except IntegrityError:
            pass  # another issue created the year's series first
        series = _locked_series(permit_type, year)
        assert series is not None
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number, permit_number(permit_type, year, series.last_number)
