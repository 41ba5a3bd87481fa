# Notification and OutboundEmail, created by accounts 0002/0003, now belong to this app. The
# tables keep their names (Meta.db_table), so no row is copied: this migration only tells
# Django's state, and renames the two content types so that granted admin permissions stay.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ('notification', 'outboundemail')


def content_types_to(app_from: str, app_to: str):
    def move(apps, schema_editor) -> None:
        ContentType = apps.get_model('contenttypes', 'ContentType')
        for model in MOVED:
            if not ContentType.objects.filter(app_label=app_to, model=model).exists():
                ContentType.objects.filter(app_label=app_from, model=model).update(
                    app_label=app_to
                )

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0004_totpdevice'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboundEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('to_email', models.EmailField(max_length=254, verbose_name='kepada')),
                        ('subject', models.CharField(max_length=300, verbose_name='subjek')),
                        ('body_text', models.TextField(verbose_name='isi (teks)')),
                        ('body_html', models.TextField(blank=True, verbose_name='isi (HTML)')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='dibuat')),
                        ('status', models.CharField(choices=[('pending', 'Menunggu'), ('sending', 'Sedang dikirim'), ('sent', 'Terkirim'), ('failed', 'Gagal')], default='pending', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='percobaan')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='percobaan berikutnya')),
                        ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='diambil pengirim')),
                        ('last_error', models.TextField(blank=True, verbose_name='galat terakhir')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='terkirim')),
                        ('dedupe_key', models.CharField(blank=True, max_length=200, null=True, unique=True)),
                    ],
                    options={
                        'verbose_name': 'email keluar',
                        'verbose_name_plural': 'email keluar',
                        'db_table': 'accounts_outboundemail',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='accounts_ou_status_c6d874_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='waktu')),
                        ('kind', models.CharField(choices=[('received', 'Diterima'), ('data_requested', 'Permintaan data'), ('forwarded', 'Diteruskan kepada Anda'), ('reminder', 'Pengingat batas waktu'), ('breach', 'Melewati batas waktu'), ('response', 'Tanggapan'), ('closed', 'Selesai / ditutup'), ('update', 'Perkembangan')], max_length=20, verbose_name='jenis')),
                        ('title', models.CharField(max_length=200, verbose_name='judul')),
                        ('body', models.CharField(blank=True, max_length=500, verbose_name='isi')),
                        ('url', models.CharField(blank=True, max_length=500, verbose_name='tautan')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='dibaca')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'notifikasi',
                        'verbose_name_plural': 'notifikasi',
                        'db_table': 'accounts_notification',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['user', 'read_at'], name='accounts_no_user_id_780bd6_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            content_types_to('accounts', 'notices'), content_types_to('notices', 'accounts')
        ),
    ]
