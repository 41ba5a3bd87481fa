"""Accounts: the custom User (001:Pasal 7) and the roles officials hold in agencies."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standards.models import Agency, Tier

mobile_validator = RegexValidator(
    r"^(\+62|62|0)8[0-9]{7,12}$",
    _("Masukkan nomor ponsel Indonesia, misalnya 081234567890."),
)


class User(AbstractUser):
    """A person using the portal: a citizen, an official, or both.

    001:Pasal 7(1): username, password, full name, email and mobile number.
    """

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    email = models.EmailField(_("alamat email"), blank=True)
    mobile = models.CharField(
        _("nomor ponsel"), max_length=20, blank=True, validators=[mobile_validator]
    )
    email_verified_at = models.DateTimeField(_("email terverifikasi"), null=True, blank=True)

    objects = UserManager()

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("Alamat email ini sudah terdaftar."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.username


class Role(models.TextChoices):
    ADMIN_NASIONAL = "admin_nasional", _("Admin Nasional")
    ADMIN_INSTANSI = "admin_instansi", _("Admin Instansi")
    PENGHUBUNG = "penghubung", _("Pejabat Penghubung")
    ADMIN_UPP = "admin_upp", _("Admin UPP")
    KEPALA = "kepala", _("Kepala OPD / Penanggung Jawab")
    PIMPINAN = "pimpinan", _("Pimpinan daerah (Sekda/Pembina)")
    OPERATOR = "operator", _("Operator (Diskominfo)")


# Where each role is held: which tier of the Agency tree (SPEC.md section 1).
ROLE_TIERS: dict[str, set[str]] = {
    Role.ADMIN_NASIONAL: {Tier.INSTANSI},
    Role.ADMIN_INSTANSI: {Tier.INSTANSI},
    Role.PIMPINAN: {Tier.INSTANSI},
    Role.OPERATOR: {Tier.INSTANSI},
    Role.PENGHUBUNG: {Tier.OPD},
    Role.KEPALA: {Tier.OPD},
    Role.ADMIN_UPP: {Tier.UNIT},
}


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, user__is_active=True)


class Membership(models.Model):
    """User x agency x role. A role held at a node reaches that node's whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            # One row per user x agency x role, active or not: taking a role away sets
            # is_active, and giving it back reactivates the same row (the admin says so when
            # a superuser tries to add a second one).
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"

    def clean(self) -> None:
        if self.agency_id is None or self.role not in ROLE_TIERS:
            return  # the missing or invalid field already carries its own error
        if self.agency.tier not in ROLE_TIERS[self.role]:
            raise ValidationError(
                {
                    "agency": _("Peran ini tidak dapat dipegang pada tingkat %(tier)s.")
                    % {"tier": self.agency.get_tier_display()}
                }
            )
        if self.role == Role.ADMIN_NASIONAL and self.agency.kind != "nasional":
            raise ValidationError({"agency": _("Admin Nasional dipegang pada instansi nasional.")})
        if self.role != Role.ADMIN_NASIONAL and self.agency.kind == "nasional":
            raise ValidationError({"agency": _("Instansi nasional hanya punya Admin Nasional.")})


class NotificationKind(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    DATA_REQUESTED = "data_requested", _("Permintaan data")
    FORWARDED = "forwarded", _("Diteruskan kepada Anda")
    REMINDER = "reminder", _("Pengingat batas waktu")
    BREACH = "breach", _("Melewati batas waktu")
    RESPONSE = "response", _("Tanggapan")
    CLOSED = "closed", _("Selesai / ditutup")
    UPDATE = "update", _("Perkembangan")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notice on the user's notification page. Short plain text, no personal data
    of anyone but the user it is for."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    body = models.CharField(_("isi"), max_length=500, blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

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
        verbose_name = _("email keluar")
        verbose_name_plural = _("email keluar")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.subject}"  # never the address: see OutboundEmailAdmin


class TotpDeviceQuerySet(models.QuerySet["TotpDevice"]):
    def confirmed(self) -> TotpDeviceQuerySet:
        return self.filter(confirmed_at__isnull=False)


class TotpDevice(models.Model):
    """An authenticator app registered for two-step login (TOTP, RFC 6238).

    The secret is kept as the base32 text the app was given, because the server has to compute
    the same codes: anyone who can read this table can produce codes, so database access and
    backups must be protected like the password hashes next to it. A device counts only once
    its first code was confirmed; until then login ignores it.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(_("kunci rahasia"), max_length=64)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)
    # The 30-second time step of the last accepted code: that code, and any older one, is
    # never accepted again.
    last_used_step = models.BigIntegerField(_("langkah waktu terakhir"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    objects = TotpDeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("perangkat verifikasi dua langkah")
        verbose_name_plural = _("perangkat verifikasi dua langkah")

    def __str__(self) -> str:
        return str(self.user)
