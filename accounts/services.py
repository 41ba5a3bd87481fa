"""Writes for accounts: registration, e-mail verification, account mail, two-step login.

Unverified accounts: a citizen account is created with ``is_active=False`` and
``email_verified_at=None``; verifying the e-mail sets both. We chose this over a check at
login because every part of Django already refuses inactive users (the login backend,
password reset, sessions of a deactivated user) and the permission helper ignores them, so an
unverified account can do nothing anywhere without each entry point remembering a second
rule. Officials created by an operator in the admin are active from the start. An account
that an operator deactivated after verification (``email_verified_at`` set) is never
reactivated by a verification link: links only act on accounts that were never verified.

Mail is sent after the account's transaction has committed, through the notices outbox
(accounts.mail): written as a row, then sent from this process at once because the citizen
is waiting for the link. A mail server that is down never loses a registration: the account
exists, the caller learns that the mail was not sent yet, the outbox tries again later, and
the citizen can ask for the link again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from typing import Any

import pyotp
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.mail import account_mail_send
from accounts.models import (
    AuditAction,
    AuditEntry,
    Membership,
    RecoveryCode,
    Role,
    TotpDevice,
    User,
)
from accounts.tokens import email_verification_token

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Registration:
    user: User
    mail_sent: bool


def verification_url(*, user: User, url_root: str) -> str:
    path = reverse(
        "accounts:verify",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_verification_token.make_token(user),
        },
    )
    return url_root.rstrip("/") + path


def email_verification_send(*, user: User, url_root: str) -> bool:
    """Mail the verification link to the user; True when the mail server accepted it."""
    return account_mail_send(
        template="account_verify",
        to=user.email,
        context={
            "user": user,
            "verify_url": verification_url(user=user, url_root=url_root),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )


def user_register(
    *,
    username: str,
    full_name: str,
    email: str,
    mobile: str,
    password: str,
    url_root: str,
) -> Registration:
    """Create an unverified citizen account and mail it a verification link (SPEC A1).

    The caller has validated the fields (RegistrationForm). A duplicate username or e-mail
    that slipped past validation in a race raises ValidationError, not IntegrityError.
    """
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        mobile=mobile,
        is_active=False,
        email_verified_at=None,
    )
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Nama pengguna atau alamat email ini sudah terdaftar."), code="duplicate"
        ) from exc
    mail_sent = email_verification_send(user=user, url_root=url_root)
    return Registration(user=user, mail_sent=mail_sent)


def user_from_uidb64(uidb64: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk).first()


def email_verification_check(*, uidb64: str, token: str) -> User | None:
    """The never-verified user the link belongs to, or None for a bad, used or old link."""
    user = user_from_uidb64(uidb64)
    if user is None or user.email_verified_at is not None:
        return None
    if not email_verification_token.check_token(user, token):
        return None
    return user


def email_verify(*, uidb64: str, token: str) -> User | None:
    """Mark the e-mail verified and open the account for login; None if the link is not valid.

    Takes the user's row lock so that two clicks on the same link verify once.
    """
    with transaction.atomic():
        user = email_verification_check(uidb64=uidb64, token=token)
        if user is None:
            return None
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.email_verified_at is not None:
            return None
        user.email_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
    logger.info("E-mail verified for user %s", user.pk)
    return user


def email_verification_resend(*, email: str, url_root: str) -> None:
    """Send a new link to every never-verified account with this address.

    Says nothing about whether such an account exists: the caller shows the same page either
    way, and a mail failure is only logged.
    """
    for user in User.objects.filter(
        email__iexact=email.strip(), is_active=False, email_verified_at__isnull=True
    ):
        email_verification_send(user=user, url_root=url_root)


# Two-step login (TOTP, RFC 6238): 6 digits, 30-second steps, SHA-1, which is what every
# authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP, Aegis) expects.
TOTP_DRIFT_STEPS = 1  # codes of the previous and the next step count too (clock drift)
_CODE = re.compile(r"^[0-9]{6}$")


def totp_provisioning_uri(*, device: TotpDevice) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.username, issuer_name=settings.SITE_NAME
    )


def _totp_step(secret: str, code: str) -> int | None:
    """The time step `code` belongs to, within the allowed drift; None when it matches none."""
    code = code.strip()
    if not _CODE.match(code):
        return None
    totp = pyotp.TOTP(secret)
    try:
        return totp.verify_and_get_timecode(code, valid_window=TOTP_DRIFT_STEPS)
    except pyotp.exceptions.OTPVerificationError:
        return None


def totp_begin(*, user: User) -> TotpDevice:
    """Give the user a new, unconfirmed authenticator secret (replacing an earlier unconfirmed
    one). Refused while a confirmed device exists: it has to be turned off first."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is not None and device.confirmed_at is not None:
            raise ValidationError(
                _("Verifikasi dua langkah sudah aktif untuk akun ini."), code="active"
            )
        if device is None:
            device = TotpDevice(user=user)
        device.secret = pyotp.random_base32()
        device.created_at = timezone.now()
        device.last_used_step = None
        device.save()
    return device


def totp_confirm(*, user: User, code: str) -> TotpDevice:
    """Switch two-step login on once the app shows a right code for the unconfirmed secret.

    The confirming code is spent: it cannot be used again to log in.
    """
    with transaction.atomic():
        device = (
            TotpDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=True)
            .first()
        )
        if device is None:
            raise ValidationError(
                _("Tidak ada pengaturan verifikasi dua langkah yang menunggu konfirmasi."),
                code="no_device",
            )
        step = _totp_step(device.secret, code)
        if step is None:
            raise ValidationError(totp_wrong_code_message(), code="wrong_code")
        device.confirmed_at = timezone.now()
        device.last_used_step = step
        device.save(update_fields=["confirmed_at", "last_used_step"])
        audit_entry_add(None, action=AuditAction.TWO_STEP_ON, user=user)
    logger.info("Two-step login turned on for user %s", user.pk)
    return device


def totp_verify(*, user: User, code: str) -> bool:
    """True when `code` is right for the user's confirmed device and its time step is newer
    than the last one accepted; that step is then spent.

    Takes the device's row lock, so the same code sent twice at once is accepted once.
    """
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().confirmed().filter(user=user).first()
        if device is None:
            return False
        step = _totp_step(device.secret, code)
        if step is None or (device.last_used_step is not None and step <= device.last_used_step):
            return False
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
    return True


def totp_disable(*, user: User, password: str) -> None:
    """Switch two-step login off (and drop an unconfirmed secret); the password must be right.
    Refused for an account that must use it (`two_step_required`)."""
    if not user.check_password(password):
        raise ValidationError(_("Kata sandi salah."), code="wrong_password")
    if two_step_required(user):
        raise ValidationError(
            _("Peran Anda mewajibkan verifikasi dua langkah; ia tidak dapat dinonaktifkan."),
            code="required",
        )
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user, used_at__isnull=True).delete()
    # The audit entry is written by the device's post_delete signal (accounts.signals).
    logger.info("Two-step login turned off for user %s", user.pk)


# Required two-step login (SPEC A2): the roles that can reach every item of an instansi or
# the whole portal, and superusers. Production requires it (settings.TWO_STEP_REQUIRED).
TWO_STEP_ROLES = frozenset({Role.ADMIN_NASIONAL, Role.ADMIN_INSTANSI, Role.OPERATOR})


def two_step_required(user: Any) -> bool:
    """Must this account log in with a second step? (One query for a non-superuser.)"""
    if not settings.TWO_STEP_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return Membership.objects.active().filter(user=user, role__in=TWO_STEP_ROLES).exists()


RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
_RECOVERY_SHAPE = re.compile(r"^[a-z0-9]{5}-?[a-z0-9]{5}$")


def _recovery_hash(code: str) -> str:
    normal = code.strip().lower().replace("-", "").replace(" ", "")
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"recovery:" + normal.encode(), hashlib.sha256).hexdigest()


def looks_like_recovery_code(code: str) -> bool:
    return bool(_RECOVERY_SHAPE.match(code.strip().lower().replace(" ", "")))


def recovery_codes_issue(user: User) -> list[str]:
    """Ten new one-time codes for `user`, replacing the unused ones. The plain codes are
    returned to be shown once; only their keyed hashes are stored."""
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(5))
        + "-"
        + "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(5))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user, used_at__isnull=True).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, code_hash=_recovery_hash(c)) for c in codes
        )
        audit_entry_add(None, action=AuditAction.RECOVERY_ISSUED, user=user)
    return codes


def recovery_code_use(user: User, *, code: str, ip: str = "") -> bool:
    """True when `code` is one of the user's unused recovery codes; it is then spent."""
    if not looks_like_recovery_code(code):
        return False
    with transaction.atomic():
        spent = RecoveryCode.objects.filter(
            user=user, code_hash=_recovery_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if spent:
            left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
            audit_entry_add(
                None, action=AuditAction.RECOVERY_USED, user=user, ip=ip, detail=f"sisa {left}"
            )
    return bool(spent)


def audit_entry_add(
    actor: Any,
    *,
    action: str,
    user: Any = None,
    username: str = "",
    ip: str = "",
    detail: str = "",
) -> AuditEntry:
    """Write one account audit entry (append-only). `actor` is who acted when that is not
    the account itself (None otherwise, or when unknown)."""
    subject = user if getattr(user, "pk", None) else None
    return AuditEntry.objects.create(
        action=action,
        user=subject,
        username=(username or (subject.get_username() if subject else ""))[:150],
        actor=actor if getattr(actor, "pk", None) else None,
        ip=ip or None,
        detail=detail[:300],
    )


def totp_wrong_code_message() -> str:
    return _(
        "Kode tidak cocok atau sudah dipakai. Masukkan kode terbaru dari aplikasi autentikator."
    )
