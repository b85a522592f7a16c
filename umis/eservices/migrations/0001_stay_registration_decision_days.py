"""The officer's period for a registration at the place of stay, as a policy value.

Kept as data (not a literal in the declaration) so that it can change by decree like
every other deadline.
"""

from datetime import date

from django.db import migrations

KEY = "stay-registration.decision_working_days"


def add(apps, schema_editor):
    PolicyValue = apps.get_model("core", "PolicyValue")
    PolicyValue.objects.get_or_create(
        key=KEY,
        effective_from=date(2024, 1, 1),
        defaults={
            "value": 1,
            "effective_to": None,
            "source": "UMIS: decided automatically when every check passes",
            "note": "Working days from acceptance.",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("core", "PolicyValue").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_default_policies")]

    operations = [migrations.RunPython(add, remove)]
