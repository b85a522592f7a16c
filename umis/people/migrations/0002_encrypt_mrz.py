from django.db import migrations

import umis.core.crypto

CONTEXT = "people.IdentityDocument.mrz"


def encrypt_existing(apps, schema_editor):
    """MRZs written before this migration were plaintext: encrypt them in place."""
    from umis.core import crypto

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, mrz FROM people_identitydocument")
        rows = [(pk, mrz) for pk, mrz in cursor.fetchall() if not (mrz or "").startswith("v1:")]
        for pk, mrz in rows:
            cursor.execute(
                "UPDATE people_identitydocument SET mrz = %s WHERE id = %s",
                [crypto.encrypt(mrz or "", context=CONTEXT), pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="identitydocument",
            name="mrz",
            field=umis.core.crypto.EncryptedTextField(
                blank=True, default="", verbose_name="machine-readable zone"
            ),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
