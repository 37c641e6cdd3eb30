from django.db import migrations


def copy_reports(apps, schema_editor):
    """Reports on posts and messages made before the moderation app existed."""
    OldReport = apps.get_model("exchange", "Report")
    Report = apps.get_model("moderation", "Report")
    ContentType = apps.get_model("contenttypes", "ContentType")
    post_type, _ = ContentType.objects.get_or_create(app_label="exchange", model="post")
    message_type, _ = ContentType.objects.get_or_create(app_label="exchange", model="message")
    for old in OldReport.objects.select_related("post", "message").order_by("pk").iterator():
        if old.post_id:
            target_type, target_id, answerable = post_type, old.post_id, old.post.author_id
        else:
            target_type, target_id = message_type, old.message_id
            answerable = old.message.sender_id
        closed = old.status != "open"
        Report.objects.create(
            target_type=target_type,
            target_id=target_id,
            target_user_id=answerable,
            reporter_id=old.reporter_id,
            reason=old.reason,
            remark=old.remark,
            status=old.status,
            created_at=old.created_at,
            closed_at=old.created_at if closed else None,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("exchange", "0006_moderated_content"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_reports, migrations.RunPython.noop)]
