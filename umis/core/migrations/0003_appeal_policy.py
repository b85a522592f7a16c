"""The period for appealing a refusal, as a policy value (frozen copy of policy_data/cases.json).

Printed on the refusal letter. The value is a working one until the Service's lawyers
confirm it.
"""

from datetime import date

from django.db import migrations

KEY = "cases.appeal_within_days"


def add(apps, schema_editor):
    PolicyValue = apps.get_model("core", "PolicyValue")
    PolicyValue.objects.get_or_create(
        key=KEY,
        effective_from=date(2024, 1, 1),
        defaults={
            "value": 30,
            "effective_to": None,
            "source": "UMIS: working value pending the Service's lawyers",
            "note": (
                "A refusal can be appealed within this many days of the applicant receiving "
                "the letter (printed on the refusal letter)."
            ),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("core", "PolicyValue").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_default_policies")]

    operations = [migrations.RunPython(add, remove)]
