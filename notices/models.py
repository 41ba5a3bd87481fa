"""Notices: the in-portal notifications, the e-mail outbox and what each user wants mailed.

The two older tables were created by the accounts app and keep their names
(`accounts_notification`, `accounts_outboundemail`): they moved here without a row copied
(notices/migrations/0001_move_from_accounts.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """Every kind of notice the portal sends. A new app adds its kinds here (moving down,
    not sideways), so the preference page lists them all."""

    RECEIVED = "received", _("Diterima")
    DATA_REQUESTED = "data_requested", _("Permintaan data")
    FORWARDED = "forwarded", _("Diteruskan kepada Anda")
    REMINDER = "reminder", _("Pengingat batas waktu")
    BREACH = "breach", _("Melewati batas waktu")
    RESPONSE = "response", _("Tanggapan")
    CLOSED = "closed", _("Selesai / ditutup")
    UPDATE = "update", _("Perkembangan")


# Deadline mail an official cannot switch off: a reminder or a breach that nobody reads is a
# deadline missed (SPEC C9; 002:Bab VII A.1.e). These kinds only ever go to officials.
MAIL_ALWAYS = frozenset({NotificationKind.REMINDER, NotificationKind.BREACH})
# What a reporter hears about; officials also see the kinds of their desk.
KINDS_FOR_REPORTERS = (
    NotificationKind.RECEIVED,
    NotificationKind.DATA_REQUESTED,
    NotificationKind.RESPONSE,
    NotificationKind.UPDATE,
    NotificationKind.CLOSED,
)
KINDS_FOR_OFFICIALS = (
    NotificationKind.FORWARDED,
    NotificationKind.UPDATE,
    NotificationKind.REMINDER,
    NotificationKind.BREACH,
)


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notice on the user's notification page. Short plain text, no personal data
    of anyone but the user it is for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    body = models.CharField(_("isi"), max_length=500, blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "accounts_notification"
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OutboundStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    SENDING = "sending", _("Sedang dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


class OutboundEmail(models.Model):
    """One e-mail in the outbox. Written in the transaction of the change it reports, then
    delivered by a Celery worker (on commit, and by the periodic sweep) - ARCHITECTURE.md."""

    to_email = models.EmailField(_("kepada"))
    subject = models.CharField(_("subjek"), max_length=300)
    body_text = models.TextField(_("isi (teks)"))
    body_html = models.TextField(_("isi (HTML)"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutboundStatus.choices,
        default=OutboundStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), default=timezone.now)
    # When a worker claimed the row; a row left in "sending" long after this is taken again.
    claimed_at = models.DateTimeField(_("diambil pengirim"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    # The same logical mail (an event for a recipient) is never queued twice.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)

    class Meta:
        db_table = "accounts_outboundemail"
        verbose_name = _("email keluar")
        verbose_name_plural = _("email keluar")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OutboundStatus.values), name="outbound_email_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.subject}"  # never the address: see OutboundEmailAdmin


class NotificationPreference(models.Model):
    """Whether a user wants one kind of notice by e-mail. No row means yes: mail is on
    until the user switches a kind off. In-app notices are always on (they are the record of
    what happened to the user's items), and the kinds in MAIL_ALWAYS cannot be switched off:
    `notices.services` ignores a row for them, and the database refuses one that says no."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    email = models.BooleanField(_("kirim email"), default=True)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notices_pref_one_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notices_pref_known_kind"
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(MAIL_ALWAYS)) | Q(email=True),
                name="notices_pref_deadline_mail_stays_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind} · {self.email}"
