from django.db import migrations

from solidair.core.reference import sync_reference_data


def load(apps, schema_editor):
    sync_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
