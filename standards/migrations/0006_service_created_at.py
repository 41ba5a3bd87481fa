"""Service.created_at: the 12-month deadline for a standard counts per service (003:Pasal 45).

When a service already in the portal was added is not known. Existing rows get the
regulation's effective date (settings.STANDARD_DEADLINE_FROM, default 3 January 2018,
003:Pasal 47) at midnight in the pemda's time zone: for the deadline any day up to the
regulation's counts the same, so they keep the deadline they had (12 months after the
regulation), and none gains time it was never given. New rows get the moment they are added.
"""

import datetime

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _regulation_start() -> datetime.datetime:
    day = getattr(settings, "STANDARD_DEADLINE_FROM", datetime.date(2018, 1, 3))
    return datetime.datetime.combine(
        day, datetime.time.min, tzinfo=django.utils.timezone.get_default_timezone()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0005_adopter_role_kepala_daerah"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="created_at",
            field=models.DateTimeField(default=_regulation_start, editable=False),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="service",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="ditambahkan pada",
            ),
        ),
    ]
