"""Full-text search support on PostgreSQL only: a stored, generated tsvector column
``search_vector`` = to_tsvector('simple', search_document) and a GIN index on it.

The model does not declare the column (SQLite has no tsvector); Django never writes it,
PostgreSQL keeps it up to date itself. solidair.exchange.querysets.SearchMatch
reads it. A stored vector makes the index recheck cheap: nothing is re-parsed at query
time. If search_document's type ever changes, drop and re-create the
column around that migration (PostgreSQL refuses to alter a column a generated one uses).
SQLite matches whole tokens with LIKE instead (see PostQuerySet.search).
"""

from django.db import migrations

INDEX = "exchange_post_search_gin"


def create_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE exchange_post ADD COLUMN IF NOT EXISTS search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_document)) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON exchange_post USING GIN (search_vector)"
    )


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute("ALTER TABLE exchange_post DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [
        migrations.RunPython(create_search_vector, drop_search_vector, elidable=False)
    ]
