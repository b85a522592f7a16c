"""The office's "due soon" horizon, as a policy value (frozen copy of policy_data/office.json).

Kept as data so that a department can widen or narrow its warning without a release.
"""

from datetime import date

from django.db import migrations

KEY = "office.due_soon_working_days"


def add(apps, schema_editor):
    PolicyValue = apps.get_model("core", "PolicyValue")
    PolicyValue.objects.get_or_create(
        key=KEY,
        effective_from=date(2024, 1, 1),
        defaults={
            "value": 3,
            "effective_to": None,
            "source": "UMIS: the Service's working practice",
            "note": "An open application due within this many working days shows as due soon.",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("core", "PolicyValue").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_default_policies")]

    operations = [migrations.RunPython(add, remove)]
