"""Account URLs under /akun/ (UX.md)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views
from accounts.forms import AccountPasswordResetForm, AccountSetPasswordForm

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("masuk/kode/", views.login_code, name="login_code"),
    path("masuk/dua-langkah/", views.login_enroll, name="login_enroll"),
    path("keluar/", views.logout_view, name="logout"),
    path("daftar/", views.register, name="register"),
    path("daftar/terkirim/", views.register_done, name="register_done"),
    path("verifikasi/kirim-ulang/", views.verify_resend, name="verify_resend"),
    path("verifikasi/<uidb64>/<token>/", views.verify, name="verify"),
    path("profil/", views.profile, name="profile"),
    path("profil/dua-langkah/mulai/", views.totp_begin, name="totp_begin"),
    path("profil/dua-langkah/", views.totp_setup, name="totp_setup"),
    path("profil/dua-langkah/nonaktifkan/", views.totp_disable, name="totp_disable"),
    path(
        "profil/dua-langkah/kode-pemulihan/",
        views.recovery_codes_new,
        name="recovery_codes_new",
    ),
    path(
        "sandi/lupa/",
        views.ThrottledPasswordResetView.as_view(
            form_class=AccountPasswordResetForm,
            template_name="registration/password_reset_form.html",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=AccountSetPasswordForm,
            template_name="registration/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
