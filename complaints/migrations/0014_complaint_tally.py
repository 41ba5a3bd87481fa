"""The tally of items kept by the database (complaints.models.tally, complaints.tally): the
tables, an index on the time of receipt, then on PostgreSQL the triggers and a first count of
the items already there."""

from typing import Any

from django.conf import settings
from django.db import migrations, models

from complaints.tally import UNINSTALL_SQL, install_sql, rebuild_sql


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(install_sql(), params=None)
        schema_editor.execute(rebuild_sql(), params=None)


def uninstall(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINSTALL_SQL, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0013_append_only_audit_tables'),
        ('standards', '0004_merge_0003_invariants_0003_service_standards'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ComplaintTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('dimension', models.CharField(choices=[('all', 'semua'), ('kind', 'jenis'), ('category', 'kategori'), ('channel', 'kanal'), ('service', 'layanan')], max_length=10)),
                ('month', models.DateField()),
                ('opd_id', models.IntegerField(default=0)),
                ('value', models.CharField(blank=True, default='', max_length=40)),
                ('is_open', models.BooleanField()),
                ('is_unanswered', models.BooleanField()),
                ('is_breached', models.BooleanField()),
                ('n', models.IntegerField(default=0)),
                ('followup_n', models.IntegerField(default=0)),
                ('followup_sum', models.BigIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'rekap jumlah pengaduan',
            },
        ),
        migrations.CreateModel(
            name='ComplaintTallyDelta',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('dimension', models.CharField(choices=[('all', 'semua'), ('kind', 'jenis'), ('category', 'kategori'), ('channel', 'kanal'), ('service', 'layanan')], max_length=10)),
                ('month', models.DateField()),
                ('opd_id', models.IntegerField(default=0)),
                ('value', models.CharField(blank=True, default='', max_length=40)),
                ('is_open', models.BooleanField()),
                ('is_unanswered', models.BooleanField()),
                ('is_breached', models.BooleanField()),
                ('n', models.IntegerField()),
                ('followup_n', models.IntegerField(default=0)),
                ('followup_sum', models.BigIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'perubahan rekap jumlah pengaduan',
            },
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['received_at'], name='complaint_received'),
        ),
        migrations.AddConstraint(
            model_name='complainttally',
            constraint=models.UniqueConstraint(fields=('dimension', 'month', 'opd_id', 'value', 'is_open', 'is_unanswered', 'is_breached'), name='complaint_tally_key'),
        ),
        migrations.AddConstraint(
            model_name='complainttally',
            constraint=models.CheckConstraint(condition=models.Q(('dimension__in', ['all', 'kind', 'category', 'channel', 'service'])), name='complaint_tally_dimension_valid'),
        ),
        migrations.AddConstraint(
            model_name='complainttally',
            constraint=models.CheckConstraint(condition=models.Q(('followup_n__gte', 0), ('followup_n__lte', models.F('n')), ('n__gte', 0)), name='complaint_tally_counts'),
        ),
        migrations.AddConstraint(
            model_name='complainttally',
            constraint=models.CheckConstraint(condition=models.Q(('is_unanswered', False), ('is_open', True), _connector='OR'), name='complaint_tally_unanswered_is_open'),
        ),
        migrations.AddIndex(
            model_name='complainttallydelta',
            index=models.Index(fields=['dimension', 'month'], name='complaint_tally_delta_dim'),
        ),
        migrations.AddConstraint(
            model_name='complainttallydelta',
            constraint=models.CheckConstraint(condition=models.Q(('dimension__in', ['all', 'kind', 'category', 'channel', 'service'])), name='complaint_tally_delta_dimension_valid'),
        ),
        migrations.RunPython(install, uninstall),
    ]
