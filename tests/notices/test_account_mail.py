"""Account mail (e-mail verification, password reset) goes through the outbox like all mail:
a row is written, sent at once from the request because the person is waiting for the link,
and tried again by the sweep when the mail server was down (SPEC A1)."""

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

from accounts.models import User
from notices.models import OutboundEmail, OutboundStatus
from notices.tasks import outbox_deliver_due
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
GOOD = {
    "username": "sari",
    "full_name": "Sari Wulandari",
    "email": "sari@contoh.co.id",
    "mobile": "081234567890",
    "password1": "Kopi-Pagi-Pelaihari-7",
    "password2": "Kopi-Pagi-Pelaihari-7",
}
SMTP_DOWN = mock.patch(
    "django.core.mail.backends.locmem.EmailBackend.send_messages",
    side_effect=SMTPServerDisconnected("down"),
)


def test_the_verification_mail_is_an_outbox_row_sent_during_the_request(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    """SPEC A1: the link reaches the citizen at once, and the outbox records it."""
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(REGISTER, GOOD)
    row = OutboundEmail.objects.get()
    assert row.to_email == "sari@contoh.co.id"
    assert row.status == OutboundStatus.SENT and row.attempts == 0
    assert callbacks == []  # not handed to the broker: already sent
    [message] = mail.outbox
    assert (message.subject, message.body) == (row.subject, row.body_text)
    assert "/akun/verifikasi/" in row.body_text and "/akun/verifikasi/" in row.body_html


def test_a_verification_mail_the_server_refused_is_sent_later_by_the_sweep(
    client: Client,
) -> None:
    """SPEC A1: a mail server that is down loses no link; the page says so meanwhile."""
    with SMTP_DOWN:
        response = client.post(REGISTER, GOOD, follow=True)
    assert "email belum terkirim" in response.content.decode()
    assert User.objects.filter(username="sari", is_active=False).exists()
    row = OutboundEmail.objects.get()
    assert row.status == OutboundStatus.PENDING and row.attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    assert mail.outbox == []

    OutboundEmail.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert outbox_deliver_due() == 1
    [message] = mail.outbox
    link = re.search(r"http://testserver(/akun/verifikasi/\S+/\S+/)", message.body).group(1)
    assert client.post(link).status_code == 302
    assert User.objects.get(username="sari").is_active is True


def test_the_password_reset_mail_goes_through_the_outbox_with_a_working_link(
    client: Client,
) -> None:
    """SPEC A1: the reset link in the recorded mail sets a new password."""
    user = UserFactory(email="budi@contoh.go.id")
    client.post(reverse("accounts:password_reset"), {"email": "budi@contoh.go.id"})
    row = OutboundEmail.objects.get()
    assert row.status == OutboundStatus.SENT and row.to_email == "budi@contoh.go.id"
    assert "Atur ulang kata sandi" in row.subject
    assert user.username in row.body_text and "<a href=" in row.body_html
    link = re.search(r"http://testserver(/akun/sandi/atur/\S+/\S+/)", row.body_text).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Teh-Sore-Batulicin-9", "new_password2": "Teh-Sore-Batulicin-9"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Teh-Sore-Batulicin-9")


def test_a_refused_password_reset_mail_waits_in_the_outbox() -> None:
    """SPEC A1: the person sees the usual page; the mail is tried again later."""
    user = UserFactory()
    with SMTP_DOWN:
        response = Client().post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    row = OutboundEmail.objects.get()
    assert row.status == OutboundStatus.PENDING and row.next_attempt_at > timezone.now()
