"""Refuse UPDATE and DELETE of written audit rows in the database (standards.appendonly)."""

from django.db import migrations

from standards.appendonly import append_only


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        # A monthly report is built once; it may be signed once, then it is final (SPEC C17).
        append_only(
            "reports.Rekap",
            mutable=("signed_by_id", "signed_at", "signed_sha256"),
            freeze="signed_at",
        ),
    ]
