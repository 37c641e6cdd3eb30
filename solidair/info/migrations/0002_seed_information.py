from django.db import migrations


def seed(apps, schema_editor):
    from solidair.info.content import seed_information

    seed_information(apps)


class Migration(migrations.Migration):
    dependencies = [("info", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
