"""Accounts: the custom User (001:Pasal 7) and the roles officials hold in agencies."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standards.access import Role as Role  # re-exported: roles are named everywhere
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


# Where each role is held: which tier of the Agency tree (SPEC.md section 1).
ROLE_TIERS: dict[str, set[str]] = {
    Role.ADMIN_NASIONAL: {Tier.INSTANSI},
    Role.ADMIN_INSTANSI: {Tier.INSTANSI},
    Role.PIMPINAN: {Tier.INSTANSI},
    Role.KEPALA_DAERAH: {Tier.INSTANSI},
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


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator app when the phone is lost.

    Shown once when issued and stored only as a keyed hash (HMAC-SHA256 with SECRET_KEY), so
    neither this table nor a backup of it gives the code back. Issuing new codes replaces the
    unused ones; a used code keeps its row, with when it was used.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kode pemulihan")
        verbose_name_plural = _("kode pemulihan")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Masuk")
    LOGIN_FAILED = "login_failed", _("Gagal masuk")
    LOCKOUT = "lockout", _("Akun dikunci sementara")
    LOGOUT = "logout", _("Keluar")
    SESSION_EXPIRED = "session_expired", _("Sesi berakhir karena tidak aktif")
    TWO_STEP_ON = "two_step_on", _("Verifikasi dua langkah diaktifkan")
    TWO_STEP_OFF = "two_step_off", _("Verifikasi dua langkah dinonaktifkan")
    RECOVERY_ISSUED = "recovery_issued", _("Kode pemulihan baru dibuat")
    RECOVERY_USED = "recovery_used", _("Kode pemulihan dipakai")
    ROLE_GRANTED = "role_granted", _("Peran diberikan")
    ROLE_CHANGED = "role_changed", _("Peran diubah")
    ROLE_REVOKED = "role_revoked", _("Peran dicabut")


class AuditEntry(models.Model):
    """One account event an auditor can read (SPEC A2): logins, failures and lockouts,
    two-step changes, role changes. Append-only in the database (standards.appendonly).

    `username` is what was typed (a failed login may name nobody); `user` the account it
    concerns, `actor` who did it when that is someone else (an operator granting a role).
    """

    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    action = models.CharField(_("kejadian"), max_length=20, choices=AuditAction.choices)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("akun"),
    )  # fmt: skip
    username = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("oleh"),
    )  # fmt: skip
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    detail = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("catatan audit akun")
        verbose_name_plural = _("catatan audit akun")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="audit_entry_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} · {self.get_action_display()} · {self.username}"
