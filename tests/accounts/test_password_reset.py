"""Password reset by e-mail, end to end through the pages and the outbox."""

from __future__ import annotations

import re
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hujan-Sore-Di-Pelaihari-4"


def test_password_reset_end_to_end(client: Client) -> None:
    """SPEC A1: a citizen who forgot the password sets a new one through a mailed link."""
    user = UserFactory(email="budi@contoh.go.id")
    response = client.post(reverse("accounts:password_reset"), {"email": "BUDI@contoh.go.id"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert "Periksa email Anda" in client.get(response["Location"]).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["budi@contoh.go.id"]
    assert "kata sandi" in message.subject.lower()
    assert user.username in message.body
    link = re.search(r"http://testserver(/akun/sandi/atur/\S+/\S+/)", message.body).group(1)
    assert link in message.alternatives[0].content

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert client.get(done["Location"]).status_code == 200

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)

    # The link is single-use.
    reused = client.get(link, follow=True)
    assert reused.context["validlink"] is False
    assert "Tautan tidak berlaku" in reused.content.decode()

    login = client.post(
        reverse("accounts:login"), {"username": user.username, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(client: Client) -> None:
    """SPEC A1: the reset form does not reveal which addresses have accounts."""
    response = client.post(reverse("accounts:password_reset"), {"email": "siapa@contoh.go.id"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_unverified_account_gets_no_reset_mail(client: Client) -> None:
    """SPEC A1: an account must verify its e-mail before anything else is mailed to it."""
    UserFactory(unverified=True, email="baru@contoh.go.id")
    client.post(reverse("accounts:password_reset"), {"email": "baru@contoh.go.id"})
    assert mail.outbox == []


def test_mismatched_new_passwords_are_refused(client: Client) -> None:
    user = UserFactory()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    link = re.search(r"http://testserver(/akun/sandi/atur/\S+/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    )
    assert response.status_code == 200
    assert "Kedua kata sandi tidak sama" in response.content.decode()
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_mail_server_down_is_not_a_server_error(client: Client) -> None:
    user = UserFactory()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=SMTPServerDisconnected("down"),
    ):
        response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
