"""Refuse UPDATE and DELETE of written audit rows in the database (standards.appendonly)."""

from django.db import migrations

from standards.appendonly import append_only


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0012_public_search_index"),
    ]

    operations = [
        # The timeline (SPEC C14) and the SLA sweep's alerts (SPEC C9): never rewritten.
        append_only("complaints.Event"),
        append_only("complaints.DeadlineAlert"),
    ]
