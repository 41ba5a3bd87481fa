"""Refuse UPDATE and DELETE of written audit rows in the database (standards.appendonly)."""

from django.db import migrations

from standards.appendonly import append_only


class Migration(migrations.Migration):
    dependencies = [
        ("reputation", "0002_rating_read_indexes"),
    ]

    operations = [
        # A rating's substance is final; only its moderation and the OPD's reply change
        # (and the rater or kiosk fall to NULL if their row is ever removed).
        append_only(
            "reputation.Rating",
            mutable=(
                "comment_status",
                "hidden_by_id",
                "hidden_reason",
                "reply",
                "reply_by_id",
                "reply_at",
                "user_id",
                "kiosk_id",
            ),
        ),
        append_only("reputation.ModerationLog"),
    ]
