"""Name search keys with the names' sound words, so that an officer's search for Mamedov
finds Məmmədov: every key rewritten."""

from django.db import migrations


def rewrite(apps, schema_editor):
    from umis.people.services import search_keys_rebuild

    search_keys_rebuild(persons=apps.get_model("people", "Person"))


class Migration(migrations.Migration):
    dependencies = [("people", "0005_possible_match_for_the_learnt_model")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
