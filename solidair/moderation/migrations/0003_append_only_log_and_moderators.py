from django.db import migrations

TABLE = "moderation_auditentry"


def forbid_changes(apps, schema_editor):
    """The audit log is append-only in the database too. TRUNCATE (what test databases
    use to empty tables) stays possible; UPDATE and DELETE do not."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'the moderation audit log is append-only';
        END;
        $$ LANGUAGE plpgsql;
        """
    )
    schema_editor.execute(
        f"CREATE TRIGGER moderation_audit_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION moderation_audit_append_only();"
    )


def allow_changes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS moderation_audit_append_only ON {TABLE};")
    schema_editor.execute("DROP FUNCTION IF EXISTS moderation_audit_append_only();")


def moderators_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="moderators")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_copy_exchange_reports"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(forbid_changes, allow_changes),
        migrations.RunPython(moderators_group, migrations.RunPython.noop),
    ]
