"""The possible-match threshold for the learnt model (a frozen copy of
policy_data/people.json): from 2026-11-30 a pair is flagged from a probability of 0.1.

The learnt model scores under the registry's own prior (one new file in twenty is someone
on record, among about two million files), so its probabilities are far more cautious
than the hand-set weights' were. On B6's synthetic registry it finds 99.0% of the true
pairs at 0.1 for 1.4 pairs of different persons per thousand files, against 97.8% and
0.9 at 0.5; a missed duplicate (a person holding two files) costs far more than an
officer's look at a pair, so the lower threshold is taken. (Files sharing a document or a
FIN are flagged whatever their probability: see umis.people.duplicates.)
"""

from datetime import date

from django.db import migrations

KEY = "people.duplicate_possible_match"
OLD_START = date(2024, 1, 1)
NEW_START = date(2026, 11, 30)
LAST_OLD_DAY = date(2026, 11, 29)
SOURCE = "UMIS: working value pending the Service's decision"
NOTE = (
    "A file whose match with another is at least this likely is flagged as a potential "
    "duplicate for an officer to merge or keep apart. Set for the learnt linkage model: "
    "on B6's synthetic registry, 99.0% of true pairs at 1.4 false flags per 1,000 files."
)


def lower_threshold(apps, schema_editor):
    PolicyValue = apps.get_model("core", "PolicyValue")
    PolicyValue.objects.filter(key=KEY, effective_from=OLD_START, effective_to=None).update(
        effective_to=LAST_OLD_DAY
    )
    PolicyValue.objects.get_or_create(
        key=KEY,
        effective_from=NEW_START,
        defaults={"value": 0.1, "effective_to": None, "source": SOURCE, "note": NOTE},
    )


def restore_threshold(apps, schema_editor):
    PolicyValue = apps.get_model("core", "PolicyValue")
    PolicyValue.objects.filter(key=KEY, effective_from=NEW_START).delete()
    PolicyValue.objects.filter(key=KEY, effective_from=OLD_START).update(effective_to=None)


class Migration(migrations.Migration):
    dependencies = [("people", "0004_duplicate_keys_and_policies"), ("core", "0003_appeal_policy")]

    operations = [migrations.RunPython(lower_threshold, restore_threshold)]
