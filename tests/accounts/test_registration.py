"""Citizen registration (SPEC A1) and e-mail verification."""

from __future__ import annotations

import re
from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.tokens import email_verification_token
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
GOOD = {
    "username": "sari",
    "full_name": "Sari Wulandari",
    "email": "Sari@Contoh.co.id",
    "mobile": "0812-3456-7890",
    "password1": "Kopi-Pagi-Pelaihari-7",
    "password2": "Kopi-Pagi-Pelaihari-7",
}


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"http://testserver(/akun/verifikasi/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_registration_creates_an_unverified_account_and_mails_a_link(client: Client) -> None:
    """SPEC A1: username, password, full name, e-mail and mobile are stored; login waits."""
    response = client.post(REGISTER, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_done")

    user = User.objects.get(username="sari")
    assert user.full_name == "Sari Wulandari"
    assert user.email == "Sari@contoh.co.id"  # the domain part is normalised
    assert user.mobile == "081234567890"  # separators typed by people are dropped
    assert user.check_password(GOOD["password1"])
    assert user.is_active is False
    assert user.email_verified_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Sari@contoh.co.id"]
    assert "Verifikasi" in message.subject
    assert message.alternatives and link_in(message) in message.alternatives[0].content

    page = client.get(response["Location"])
    assert "Periksa email Anda" in page.content.decode()

    # Not verified yet: the right password gets an explanation, not a session.
    login = client.post(
        reverse("accounts:login"), {"username": "sari", "password": GOOD["password1"]}
    )
    assert login.status_code == 200
    assert "belum diverifikasi" in login.content.decode()
    assert "_auth_user_id" not in client.session


def test_verification_link_activates_the_account_once(client: Client) -> None:
    """SPEC A1: the verification link opens the account for login and works only once."""
    client.post(REGISTER, GOOD)
    url = link_in(mail.outbox[0])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert User.objects.get(username="sari").is_active is False  # GET changes nothing

    done = client.post(url)
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:login")
    user = User.objects.get(username="sari")
    assert user.is_active is True
    assert user.email_verified_at is not None

    again = client.post(url)
    assert again.status_code == 400
    assert "tidak berlaku" in again.content.decode()
    assert client.get(url).status_code == 400
    assert User.objects.get(username="sari").email_verified_at == user.email_verified_at

    login = client.post(
        reverse("accounts:login"), {"username": "sari", "password": GOOD["password1"]}
    )
    assert login.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_tampered_links_are_refused(client: Client) -> None:
    """SPEC A1: a link whose user id or token was altered verifies nothing."""
    victim = UserFactory(unverified=True)
    other = UserFactory(unverified=True)
    token = email_verification_token.make_token(other)
    uid_victim = urlsafe_base64_encode(force_bytes(victim.pk))
    forged = reverse("accounts:verify", kwargs={"uidb64": uid_victim, "token": token})
    garbled = reverse("accounts:verify", kwargs={"uidb64": "!!", "token": token})
    bad_token = reverse("accounts:verify", kwargs={"uidb64": uid_victim, "token": token[:-1] + "0"})
    for url in (forged, garbled, bad_token):
        response = client.post(url)
        assert response.status_code == 400, url
        assert 'action="/akun/verifikasi/kirim-ulang/"' in response.content.decode()
    victim.refresh_from_db()
    assert victim.is_active is False
    assert victim.email_verified_at is None


def test_password_reset_token_is_not_a_verification_token(client: Client) -> None:
    """SPEC A1: only the verification token generator's links verify an e-mail."""
    from django.contrib.auth.tokens import default_token_generator

    user = UserFactory(unverified=True)
    url = reverse(
        "accounts:verify",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    assert client.post(url).status_code == 400
    user.refresh_from_db()
    assert user.is_active is False


def test_expired_link_is_refused_with_a_way_to_resend(client: Client, settings) -> None:
    """SPEC A1: an old link is refused and the page offers a new one."""
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60
    user = UserFactory(unverified=True)
    two_hours_ago = email_verification_token._now() - timedelta(hours=2)
    with mock.patch.object(type(email_verification_token), "_now", return_value=two_hours_ago):
        token = email_verification_token.make_token(user)
    url = reverse(
        "accounts:verify",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )
    response = client.post(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert "kedaluwarsa" in body
    assert reverse("accounts:verify_resend") in body
    user.refresh_from_db()
    assert user.is_active is False

    # The same token is accepted while it is young enough.
    settings.PASSWORD_RESET_TIMEOUT = 3 * 60 * 60
    assert client.post(url).status_code == 302


def test_link_stops_working_for_an_account_deactivated_after_verification(
    client: Client,
) -> None:
    """SPEC A1: a verification link never reactivates an account an operator closed."""
    user = UserFactory(unverified=True)
    token = email_verification_token.make_token(user)
    url = reverse(
        "accounts:verify",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )
    User.objects.filter(pk=user.pk).update(email_verified_at=timezone.now(), is_active=False)
    assert client.post(url).status_code == 400
    user.refresh_from_db()
    assert user.is_active is False


def test_resend_sends_a_fresh_link_without_revealing_accounts(client: Client) -> None:
    """SPEC A1: resend mails unverified accounts only, and answers the same page for all."""
    waiting = UserFactory(unverified=True, email="tunggu@contoh.go.id")
    UserFactory(email="aktif@contoh.go.id")
    resend = reverse("accounts:verify_resend")

    answers = []
    for email in ("TUNGGU@contoh.go.id", "aktif@contoh.go.id", "tidak-ada@contoh.go.id"):
        response = client.post(resend, {"email": email})
        assert response.status_code == 200
        answers.append(re.sub(r'value="[^"]{64}"', "", response.content.decode()))
    assert answers[0] == answers[1] == answers[2]

    assert [m.to for m in mail.outbox] == [["tunggu@contoh.go.id"]]
    assert client.post(link_in(mail.outbox[0])).status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_active is True


def test_duplicate_email_is_a_form_error_whatever_its_case(client: Client) -> None:
    """SPEC A1: one account per e-mail address, compared without case."""
    UserFactory(email="sari@contoh.co.id")
    response = client.post(REGISTER, {**GOOD, "email": "SARI@CONTOH.CO.ID"})
    assert response.status_code == 200
    assert response.context["form"].has_error("email", "duplicate_email")
    assert "sudah terdaftar" in response.content.decode()
    assert not User.objects.filter(username="sari").exists()
    assert mail.outbox == []


def test_duplicate_username_is_a_form_error(client: Client) -> None:
    """SPEC A1: usernames are unique regardless of case."""
    UserFactory(username="Sari")
    response = client.post(REGISTER, GOOD)
    assert response.status_code == 200
    assert response.context["form"].has_error("username")


def test_database_constraint_race_becomes_a_form_error(client: Client) -> None:
    """SPEC A1: an e-mail taken between validation and insert gives a message, not a 500."""
    from accounts.forms import RegistrationForm

    def clean_email_and_lose_the_race(form: RegistrationForm) -> str:
        UserFactory(email="sari@contoh.co.id")  # another request commits first
        return form.cleaned_data["email"]

    with mock.patch.object(RegistrationForm, "clean_email", clean_email_and_lose_the_race):
        response = client.post(REGISTER, {**GOOD, "email": "sari@contoh.co.id"})
    assert response.status_code == 200
    assert "sudah terdaftar" in response.content.decode()
    assert not User.objects.filter(username="sari").exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("mobile", "12345", "invalid"),
        ("mobile", "", "required"),
        ("email", "", "required"),
        ("email", "bukan-email", "invalid"),
        ("full_name", "", "required"),
        ("password2", "lain-sama-sekali-9", "password_mismatch"),
        ("password1", "12345678", None),
    ],
)
def test_invalid_registration_shows_errors_and_creates_nothing(
    client: Client, field: str, value: str, code: str | None
) -> None:
    """SPEC A1: every field the regulation lists is required and checked."""
    data = {**GOOD, field: value}
    if field == "password1":
        data["password2"] = value
    response = client.post(REGISTER, data)
    assert response.status_code == 200
    form = response.context["form"]
    error_field = "password2" if field.startswith("password") else field
    assert form.has_error(error_field, code), form.errors
    assert not User.objects.filter(username="sari").exists()
    assert "Periksa kembali isian berikut" in response.content.decode()


def test_mail_server_down_still_creates_the_account(client: Client) -> None:
    """SPEC A1: a failing mail server never loses a registration; the citizen is told."""
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=SMTPServerDisconnected("down"),
    ):
        response = client.post(REGISTER, GOOD, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "tidak dapat dikirim" in body
    assert reverse("accounts:verify_resend") in body
    assert User.objects.filter(username="sari", is_active=False).exists()
    assert mail.outbox == []

    # Later the server is back: resend works.
    client.post(reverse("accounts:verify_resend"), {"email": GOOD["email"]})
    assert len(mail.outbox) == 1


def test_script_in_full_name_is_stored_as_text_and_escaped(client: Client) -> None:
    """SPEC A1: hostile input is kept verbatim and never reaches a page as markup."""
    hostile = '<script>alert("x")</script> Budi'
    client.post(REGISTER, {**GOOD, "full_name": hostile})
    user = User.objects.get(username="sari")
    assert user.full_name == hostile

    html = mail.outbox[0].alternatives[0].content
    assert "<script>" not in html
    assert "&lt;script&gt;" in html

    client.post(link_in(mail.outbox[0]))
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Budi" in page


def test_logged_in_user_is_sent_from_registration_to_the_profile(client: Client) -> None:
    client.force_login(UserFactory())
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")


def test_registration_page_renders_every_field(client: Client) -> None:
    """SPEC A1: the form asks for exactly the data 001:Pasal 7(1) names."""
    body = client.get(REGISTER).content.decode()
    for name in ("username", "full_name", "email", "mobile", "password1", "password2"):
        assert f'name="{name}"' in body
    assert PASSWORD not in body
