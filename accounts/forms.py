"""Forms for login, two-step codes, registration, verification e-mails and password reset."""

from __future__ import annotations

import re
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.mail import account_mail_send
from accounts.models import TotpDevice, User
from accounts.services import looks_like_recovery_code, two_step_required


def _helper(submit_label: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = True
    helper.form_method = "post"
    helper.add_input(Submit("submit", submit_label, css_class="btn btn-primary"))
    return helper


class LoginForm(AuthenticationForm):
    """Django's login form with throttling in front of the password check.

    When the username or the client address is locked the form fails with `locked = True`
    before any password is looked at; the message is the same whether the username exists.
    """

    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
        ),
        "inactive": _("Akun ini tidak aktif."),
        "unverified": _(
            "Alamat email Anda belum diverifikasi. Buka tautan dari email pendaftaran, "
            "atau minta tautan baru."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.locked = False
        self.unverified = False
        self.needs_code = False
        self.needs_enrolment = False
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")
        self.helper = _helper(_("Masuk"))

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password")
        if not (username and password):
            return self.cleaned_data
        ip = throttle.client_ip(self.request) if self.request else "unknown"
        wait = throttle.login_locked_for(username=username, ip=ip)
        if wait:
            self.locked = True
            raise forms.ValidationError(throttle.locked_message(wait), code="locked")
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            if self._is_unverified(username, password):
                # The password was right: say what is missing instead of counting a failure.
                self.unverified = True
                raise forms.ValidationError(self.error_messages["unverified"], code="unverified")
            throttle.login_failure_record(username=username, ip=ip)
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        self.needs_code = TotpDevice.objects.confirmed().filter(user=self.user_cache).exists()
        # A role that requires two-step login, and no authenticator yet: set one up first.
        self.needs_enrolment = not self.needs_code and two_step_required(self.user_cache)
        if not (self.needs_code or self.needs_enrolment):
            # With two-step login the counter is cleared only once the code is right too, so
            # typing the password again does not buy fresh guesses at the code.
            throttle.login_success_record(username=username, ip=ip)
        return self.cleaned_data

    @staticmethod
    def _is_unverified(username: str, password: str) -> bool:
        """True for a never-verified account whose password is right.

        Every failed login pays for one extra password hash, whether or not this account
        exists, so the time taken does not tell which usernames are registered.
        """
        user = User.objects.filter(
            username=username, is_active=False, email_verified_at__isnull=True
        ).first()
        if user is None:
            make_password(password)
            return False
        return user.check_password(password)


class TotpCodeForm(forms.Form):
    """The 6-digit code an authenticator app shows (spaces people type are ignored)."""

    code = forms.CharField(
        label=_("Kode 6 digit"),
        max_length=12,
        help_text=_("Buka aplikasi autentikator di ponsel Anda dan ketik kode yang tampil."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args: Any, submit_label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit_label or _("Lanjutkan"))

    def clean_code(self) -> str:
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError(_("Masukkan 6 angka."), code="format")
        return code


class LoginCodeForm(TotpCodeForm):
    """The second step of login: the app's 6-digit code, or one of the recovery codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Kode 6 digit atau kode pemulihan")
        self.fields["code"].widget.attrs["inputmode"] = "text"

    def clean_code(self) -> str:
        code = re.sub(r"\s", "", self.cleaned_data["code"]).lower()
        if re.fullmatch(r"[0-9]{6}", code) or looks_like_recovery_code(code):
            return code
        raise forms.ValidationError(
            _("Masukkan 6 angka dari aplikasi, atau kode pemulihan seperti abcde-fghjk."),
            code="format",
        )


class TotpDisableForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Nonaktifkan verifikasi dua langkah"))
        self.helper.form_action = "accounts:totp_disable"
        self.helper.inputs[0].field_classes = "btn btn-outline-danger"


def normalise_mobile(value: str) -> str:
    """Drop the spaces, dots and dashes people type inside phone numbers."""
    return re.sub(r"[\s.\-()]", "", value or "")


class RegistrationForm(UserCreationForm):
    """Citizen registration (001:Pasal 7(1)): username, full name, e-mail, mobile, password."""

    error_messages = {"password_mismatch": _("Kedua kata sandi tidak sama.")}

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "email", "mobile")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["username"].help_text = _(
            "Huruf, angka dan @ . + - _ saja; paling banyak 150 karakter."
        )
        for name in ("full_name", "email", "mobile"):
            self.fields[name].required = True
        self.fields["email"].help_text = _("Tautan verifikasi akan dikirim ke alamat ini.")
        self.fields["mobile"].help_text = _("Contoh: 081234567890.")
        self.fields["mobile"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["password1"].label = _("Kata sandi")
        self.fields["password2"].label = _("Ulangi kata sandi")
        self.fields["password2"].help_text = _("Ketik kata sandi yang sama sekali lagi.")
        self.helper = _helper(_("Daftar"))

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"].strip())
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Alamat email ini sudah terdaftar. Silakan masuk atau atur ulang kata sandi."),
                code="duplicate_email",
            )
        return email

    def clean_mobile(self) -> str:
        return normalise_mobile(self.cleaned_data["mobile"])

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("Alamat email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Kirim ulang tautan verifikasi"))


class AccountPasswordResetForm(PasswordResetForm):
    """Django's password reset; its mail goes through the outbox like all mail
    (templates/emails/account_password_reset_*), with Django's context (link, user, site)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Alamat email")
        self.helper = _helper(_("Kirim tautan atur ulang"))

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        account_mail_send(template="account_password_reset", to=to_email, context=context)


class AccountSetPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": _("Kedua kata sandi tidak sama.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.helper = _helper(_("Simpan kata sandi baru"))
