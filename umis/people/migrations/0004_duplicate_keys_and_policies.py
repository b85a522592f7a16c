"""Blocking keys for every person already on record, and the two match thresholds as
policy values (a frozen copy of policy_data/people.json)."""

from datetime import date

from django.db import migrations

from umis.people.profiles import blocking_keys, profile_of

SOURCE = "UMIS: working value pending the Service's decision"
THRESHOLDS = {
    "people.duplicate_sure_match": (
        0.95,
        "A new person whose match with a file on record is at least this likely is taken to "
        "be that person where the use case allows linking (a returning applicant, a permit "
        "holder).",
    ),
    "people.duplicate_possible_match": (
        0.5,
        "A file whose match with another is at least this likely is flagged as a potential "
        "duplicate for an officer to merge or keep apart.",
    ),
}
BATCH = 2000


def add_policies(apps, schema_editor):
    PolicyValue = apps.get_model("core", "PolicyValue")
    for key, (value, note) in THRESHOLDS.items():
        PolicyValue.objects.get_or_create(
            key=key,
            effective_from=date(2024, 1, 1),
            defaults={"value": value, "effective_to": None, "source": SOURCE, "note": note},
        )


def remove_policies(apps, schema_editor):
    apps.get_model("core", "PolicyValue").objects.filter(key__in=THRESHOLDS).delete()


def fill_keys(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    IdentityDocument = apps.get_model("people", "IdentityDocument")
    PersonBlockingKey = apps.get_model("people", "PersonBlockingKey")
    persons = Person.objects.filter(merged_into__isnull=True).order_by("pk")
    last = 0
    while True:
        batch = list(persons.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        indexes = {}
        for person_id, index in IdentityDocument.objects.filter(
            person_id__in=[p.pk for p in batch]
        ).values_list("person_id", "number_index"):
            indexes.setdefault(person_id, []).append(index)
        rows = [
            PersonBlockingKey(person_id=person.pk, key=key)
            for person in batch
            for key in sorted(
                blocking_keys(profile_of(person, document_indexes=indexes.get(person.pk, [])))
            )
        ]
        PersonBlockingKey.objects.bulk_create(rows, ignore_conflicts=True)
        last = batch[-1].pk


def drop_keys(apps, schema_editor):
    apps.get_model("people", "PersonBlockingKey").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0003_duplicates"), ("core", "0002_default_policies")]

    operations = [
        migrations.RunPython(add_policies, remove_policies),
        migrations.RunPython(fill_keys, drop_keys),
    ]
