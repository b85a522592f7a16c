"""Default policy values, frozen as they were when this migration was written.

Later changes go through the data files and ``manage.py load_policies``; this copy only
makes a fresh database usable without an extra step.
"""

from datetime import date

from django.db import migrations

DEFAULTS = [
    {
        "key": "stay-registration.required_after_days",
        "value": 15,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "Registration is required when staying more than this many days.",
    },
    {
        "key": "stay-registration.required_after_days.nationality.KAZ",
        "value": 30,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "Citizens of Kazakhstan.",
    },
    {
        "key": "stay-registration.register_within_days",
        "value": 15,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "Calendar days from arrival.",
    },
    {
        "key": "stay-registration.address_change_working_days",
        "value": 5,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "Working days from moving to the new address.",
    },
    {
        "key": "stay-registration.fee_azn",
        "value": 0,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "",
    },
    {
        "key": "trp-issue.apply_before_stay_end_days",
        "value": 30,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "Apply at least this many days before the lawful stay ends.",
    },
    {
        "key": "trp-issue.decision_working_days.fast",
        "value": 15,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "",
    },
    {
        "key": "trp-issue.decision_working_days.standard",
        "value": 20,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "",
    },
    {
        "key": "trp-issue.fee_azn.fast.3m",
        "value": 40,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "",
    },
    {
        "key": "trp-issue.fee_azn.fast.6m",
        "value": 80,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "interpolated; to be checked against the Service's fee schedule",
    },
    {
        "key": "trp-issue.fee_azn.fast.12m",
        "value": 160,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "interpolated; to be checked against the Service's fee schedule",
    },
    {
        "key": "trp-issue.fee_azn.fast.24m",
        "value": 320,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "interpolated; to be checked against the Service's fee schedule",
    },
    {
        "key": "trp-issue.fee_azn.fast.36m",
        "value": 480,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "",
    },
    {
        "key": "trp-issue.fee_azn.standard.3m",
        "value": 30,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "",
    },
    {
        "key": "trp-issue.fee_azn.standard.6m",
        "value": 60,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "interpolated; to be checked against the Service's fee schedule",
    },
    {
        "key": "trp-issue.fee_azn.standard.12m",
        "value": 120,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "interpolated; to be checked against the Service's fee schedule",
    },
    {
        "key": "trp-issue.fee_azn.standard.24m",
        "value": 240,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "interpolated; to be checked against the Service's fee schedule",
    },
    {
        "key": "trp-issue.fee_azn.standard.36m",
        "value": 360,
        "effective_from": "2024-01-01",
        "effective_to": None,
        "source": "migration.gov.az: public page of the e-service",
        "note": "",
    },
]


def load_defaults(apps, schema_editor):
    PolicyValue = apps.get_model("core", "PolicyValue")
    for rec in DEFAULTS:
        PolicyValue.objects.get_or_create(
            key=rec["key"],
            effective_from=date.fromisoformat(rec["effective_from"]),
            defaults={
                "value": rec["value"],
                "effective_to": None,
                "source": rec["source"],
                "note": rec["note"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
