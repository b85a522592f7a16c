"""Where a person file came from when another system's records were imported.

Imported by ``umis.people.models``, so Django registers the table with the app.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from umis.core.models import TimeStampedModel


class PersonSourceRecord(TimeStampedModel):
    """A record of another system (``source``, its id there) that was put on this file.

    An import looks its rows up here first, so importing the same export again links each
    row to the file it made or found the first time, even a row with no document or FIN
    to match on. A merge moves the record to the surviving file.
    """

    source = models.CharField(_("source system"), max_length=50)
    source_id = models.CharField(_("id in the source system"), max_length=100)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="source_records",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="people_source_record_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"
