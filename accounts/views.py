"""Account pages: login (with the two-step code), logout, registration, e-mail verification,
profile and two-step setup."""

from __future__ import annotations

import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services, signals, throttle
from accounts.forms import (
    LoginCodeForm,
    LoginForm,
    RegistrationForm,
    ResendVerificationForm,
    TotpCodeForm,
    TotpDisableForm,
)
from accounts.models import Membership, RecoveryCode, TotpDevice, User
from accounts.permissions import is_official, official_required

_MAIL_SENT_SESSION_KEY = "accounts_registration_mail_sent"
# A login whose password was right and whose two-step code is still due: the user id, the
# backend, when the password was checked, and where to go afterwards. Nobody is logged in yet.
_PENDING_SESSION_KEY = "accounts_login_pending"
LOGIN_CODE_SECONDS = 5 * 60


def _url_root(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _dashboard_url() -> str | None:
    """The officer home (UX.md: /dasbor/), the URL named by settings.DASHBOARD_URL, reversed
    when asked; None while no app serves it."""
    try:
        return reverse(settings.DASHBOARD_URL)
    except NoReverseMatch:
        return None


def login_redirect_url(request: HttpRequest, user: object) -> str:
    """Where to go after login: a safe `next`, else the dashboard (officials) or home."""
    target = _safe_next(request)
    if target:
        return target
    if is_official(user):
        return _dashboard_url() or resolve_url(settings.LOGIN_REDIRECT_URL)
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Login for citizens and officials; 429 while the username or address is locked."""
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            if form.needs_code or form.needs_enrolment:
                request.session[_PENDING_SESSION_KEY] = {
                    "user_id": user.pk,
                    "backend": user.backend,
                    "at": time.time(),
                    "next": _safe_next(request) or "",
                }
                return redirect(
                    "accounts:login_code" if form.needs_code else "accounts:login_enroll"
                )
            auth_login(request, user)
            return redirect(login_redirect_url(request, user))
        if form.locked:
            status = 429
    elif request.user.is_authenticated and _safe_next(request) is None:
        return redirect(login_redirect_url(request, request.user))
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": _safe_next(request) or "", "unverified": form.unverified},
        status=status,
    )


def _pending_login(request: HttpRequest) -> tuple[dict[str, Any], User] | None:
    """The login waiting for its code, or None (and forgotten) when absent, old or stale."""
    pending = request.session.get(_PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    user = None
    if time.time() - float(pending.get("at", 0)) <= LOGIN_CODE_SECONDS:
        user = User.objects.filter(pk=pending.get("user_id"), is_active=True).first()
    if user is None:
        del request.session[_PENDING_SESSION_KEY]
        return None
    return pending, user


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """Second step of login for accounts with two-step verification: the authenticator code.

    Wrong codes count as failed logins for the username and the address (accounts.throttle);
    once either is locked the page answers 429 without looking at the code.
    """
    had_pending = _PENDING_SESSION_KEY in request.session
    found = _pending_login(request)
    if found is None:
        if had_pending or request.method == "POST":
            messages.error(request, _("Waktu memasukkan kode sudah habis. Silakan masuk lagi."))
        return redirect("accounts:login")
    pending, user = found
    form = LoginCodeForm(
        request.POST if request.method == "POST" else None, submit_label=_("Masuk")
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        ip = throttle.client_ip(request)
        wait = throttle.login_locked_for(username=user.username, ip=ip)
        code = form.cleaned_data["code"]
        if wait:
            form.add_error(None, throttle.locked_message(wait))
            status = 429
        elif (
            services.totp_verify(user=user, code=code)
            if len(code) == 6
            else services.recovery_code_use(user, code=code, ip=signals._ip(request))
        ):
            del request.session[_PENDING_SESSION_KEY]
            throttle.login_success_record(username=user.username, ip=ip)
            auth_login(request, user, backend=pending.get("backend"))
            return redirect(pending.get("next") or login_redirect_url(request, user))
        else:
            throttle.login_failure_record(username=user.username, ip=ip)
            form.add_error("code", services.totp_wrong_code_message())
    return render(
        request,
        "accounts/login_code.html",
        {"form": form, "minutes": LOGIN_CODE_SECONDS // 60},
        status=status,
    )


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_enroll(request: HttpRequest) -> HttpResponse:
    """Second step of login for a role that requires two-step login and has no authenticator
    yet: scan the QR code, confirm one code, get the recovery codes once, and be logged in."""
    found = _pending_login(request)
    if found is None:
        messages.error(request, _("Waktu memasukkan kode sudah habis. Silakan masuk lagi."))
        return redirect("accounts:login")
    pending, user = found
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        try:
            device = services.totp_begin(user=user)
        except ValidationError:  # confirmed meanwhile (another tab): the code step then
            return redirect("accounts:login_code")
    form = TotpCodeForm(
        request.POST if request.method == "POST" else None,
        submit_label=_("Aktifkan dan masuk"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            del request.session[_PENDING_SESSION_KEY]
            throttle.login_success_record(username=user.username, ip=throttle.client_ip(request))
            codes = services.recovery_codes_issue(user)
            auth_login(request, user, backend=pending.get("backend"))
            return _recovery_codes_page(
                request, codes, next_url=pending.get("next") or login_redirect_url(request, user)
            )
    return render(
        request,
        "accounts/login_enroll.html",
        {"form": form, **_setup_context(device), "minutes": LOGIN_CODE_SECONDS // 60},
    )


def _setup_context(device: TotpDevice) -> dict[str, Any]:
    secret = device.secret
    return {
        "qr": _qr_image(services.totp_provisioning_uri(device=device)),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }


def _recovery_codes_page(request: HttpRequest, codes: list[str], *, next_url: str) -> HttpResponse:
    """The recovery codes, shown this once (the page is never cached)."""
    response = render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    """New recovery codes for an account with two-step login on; the old unused ones end."""
    if not TotpDevice.objects.confirmed().filter(user=request.user).exists():
        return redirect("accounts:profile")
    codes = services.recovery_codes_issue(request.user)
    return _recovery_codes_page(request, codes, next_url=reverse("accounts:profile"))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.success(request, _("Anda telah keluar."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Citizen registration (SPEC A1)."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.mail_request_allowed(ip=throttle.client_ip(request)):
            form.add_error(None, mail_limit_message())
            return render(request, "accounts/register.html", {"form": form}, status=429)
        data = form.cleaned_data
        try:
            result = services.user_register(
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                mobile=data["mobile"],
                password=data["password1"],
                url_root=_url_root(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.session[_MAIL_SENT_SESSION_KEY] = result.mail_sent
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request: HttpRequest) -> HttpResponse:
    mail_sent = request.session.get(_MAIL_SENT_SESSION_KEY, True)
    return render(
        request,
        "accounts/register_done.html",
        {"mail_sent": mail_sent, "resend_form": ResendVerificationForm()},
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET shows a confirm button (mail scanners follow links); POST verifies."""
    if request.method == "POST":
        user = services.email_verify(uidb64=uidb64, token=token)
        if user is not None:
            request.session.pop(_MAIL_SENT_SESSION_KEY, None)
            messages.success(request, _("Email Anda sudah terverifikasi. Silakan masuk."))
            return redirect("accounts:login")
    elif services.email_verification_check(uidb64=uidb64, token=token) is not None:
        return render(request, "accounts/verify_confirm.html")
    return render(
        request,
        "accounts/verify_invalid.html",
        {"resend_form": ResendVerificationForm()},
        status=400,
    )


def mail_limit_message() -> str:
    return _("Terlalu banyak permintaan email dari alamat ini. Coba lagi dalam satu jam.")


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, with the same mail-request limit as the verification resend."""

    def form_valid(self, form: Any) -> HttpResponse:
        if not throttle.mail_request_allowed(ip=throttle.client_ip(self.request)):
            form.add_error(None, mail_limit_message())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def verify_resend(request: HttpRequest) -> HttpResponse:
    """Ask for a new link; the answer is the same whether or not the address is known."""
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.mail_request_allowed(ip=throttle.client_ip(request)):
            form.add_error(None, mail_limit_message())
            return render(request, "accounts/verify_resend.html", {"form": form}, status=429)
        services.email_verification_resend(
            email=form.cleaned_data["email"], url_root=_url_root(request)
        )
        return render(request, "accounts/verify_resend_done.html")
    return render(request, "accounts/verify_resend.html", {"form": form})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("agency")
        .order_by("-is_active", "agency__name", "role")
    )
    device = TotpDevice.objects.confirmed().filter(user=request.user).first()
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships,
            "totp_device": device,
            # Two-step login is offered to officials; whoever has it on may always turn it off.
            "totp_offered": device is not None or is_official(request.user),
            "totp_disable_form": TotpDisableForm() if device else None,
            "totp_required": services.two_step_required(request.user),
            "recovery_left": RecoveryCode.objects.filter(
                user=request.user, used_at__isnull=True
            ).count(),
        },
    )


@official_required
@require_POST
def totp_begin(request: HttpRequest) -> HttpResponse:
    """Start two-step setup: a fresh secret, shown on the setup page until confirmed."""
    try:
        services.totp_begin(user=request.user)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
        return redirect("accounts:profile")
    return redirect("accounts:totp_setup")


def _qr_image(text: str) -> dict[str, Any]:
    """The QR code as an SVG data: address for an <img> (no inline style, nothing fetched)
    with its size in pixels."""
    qr = segno.make(text, error="m")
    size = qr.symbol_size(scale=4, border=4)[0]
    return {
        "src": qr.svg_data_uri(scale=4, border=4, dark="#000", light="#fff"),
        "size": size,
    }


@official_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """The QR code and the secret of the unconfirmed device, and the form confirming it."""
    device = TotpDevice.objects.filter(user=request.user, confirmed_at__isnull=True).first()
    if device is None:
        return redirect("accounts:profile")
    form = TotpCodeForm(
        request.POST if request.method == "POST" else None,
        submit_label=_("Aktifkan verifikasi dua langkah"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_confirm(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            messages.success(
                request,
                _(
                    "Verifikasi dua langkah aktif. Mulai sekarang, masuk memerlukan kode "
                    "dari aplikasi autentikator."
                ),
            )
            codes = services.recovery_codes_issue(request.user)
            return _recovery_codes_page(request, codes, next_url=reverse("accounts:profile"))
    secret = device.secret
    return render(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "qr": _qr_image(services.totp_provisioning_uri(device=device)),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
    )


@login_required
@sensitive_post_parameters("password")
@require_POST
def totp_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-step login off; needs the password, and wrong ones count as failed logins."""
    form = TotpDisableForm(request.POST)
    status = 200
    if form.is_valid():
        username = request.user.get_username()
        ip = throttle.client_ip(request)
        wait = throttle.login_locked_for(username=username, ip=ip)
        if wait:
            form.add_error(None, throttle.locked_message(wait))
            status = 429
        else:
            try:
                services.totp_disable(user=request.user, password=form.cleaned_data["password"])
            except ValidationError as exc:
                throttle.login_failure_record(username=username, ip=ip)
                form.add_error("password", exc)
            else:
                messages.success(request, _("Verifikasi dua langkah dinonaktifkan."))
                return redirect("accounts:profile")
    return render(request, "accounts/totp_disable.html", {"form": form}, status=status)
