from django.db import migrations


class Migration(migrations.Migration):
    """Reports now live in the moderation app (moderation 0002 copied them)."""

    dependencies = [
        ("exchange", "0006_moderated_content"),
        ("moderation", "0002_copy_exchange_reports"),
    ]

    operations = [migrations.DeleteModel(name="Report")]
