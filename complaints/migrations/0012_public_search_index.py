"""The GIN index of the public search (selectors.public_list), on PostgreSQL only: SQLite
(`make run`) has no GIN index and searches without one."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

INDEX = django.contrib.postgres.indexes.GinIndex(
    django.contrib.postgres.search.CombinedSearchVector(
        django.contrib.postgres.search.SearchVector("title", "description", config="indonesian"),
        "||",
        django.contrib.postgres.search.SearchVector("title", "description", config="simple"),
        django.contrib.postgres.search.SearchConfig("indonesian"),
    ),
    name="complaint_search",
)


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("complaints", "Complaint"), INDEX)


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("complaints", "Complaint"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0011_event_actions_combined"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="complaint", index=INDEX)],
            database_operations=[migrations.RunPython(create_index, drop_index)],
        ),
    ]
