"""Two-step login (TOTP, RFC 6238) for officials: setup, the code at login, turning it off."""

from __future__ import annotations

import time
from unittest import mock
from urllib.parse import unquote

import pyotp
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import Role, TotpDevice, User
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGIN_CODE = reverse("accounts:login_code")
PROFILE = reverse("accounts:profile")
BEGIN = reverse("accounts:totp_begin")
SETUP = reverse("accounts:totp_setup")
DISABLE = reverse("accounts:totp_disable")
WRONG_CODE_TEXT = "Kode tidak cocok atau sudah dipakai"
LOCKED_TEXT = "Terlalu banyak percobaan masuk yang gagal"
PENDING_KEY = "accounts_login_pending"


@pytest.fixture(autouse=True)
def _limits(settings) -> None:
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 3  # codes typed from several addresses still count
    settings.LOGIN_LOCKOUT_SECONDS = 600


@pytest.fixture
def official() -> User:
    return MembershipFactory(role=Role.PENGHUBUNG).user


def enable(user: User) -> pyotp.TOTP:
    """Turn two-step login on for `user` the way the setup page does; the app's TOTP."""
    device = services.totp_begin(user=user)
    totp = pyotp.TOTP(device.secret)
    services.totp_confirm(user=user, code=totp.now())
    return totp


def next_code(totp: pyotp.TOTP) -> str:
    """The code of the next time step: allowed (clock drift) and not yet spent by the
    confirmation, which used the current one."""
    return totp.at(time.time() + 30)


def password_step(client: Client, user: User, ip: str = "10.0.0.1", **extra: str):
    return client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, **extra}, REMOTE_ADDR=ip
    )


def code_step(client: Client, code: str, ip: str = "10.0.0.1", **kwargs):
    return client.post(LOGIN_CODE, {"code": code}, REMOTE_ADDR=ip, **kwargs)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# Setup ----------------------------------------------------------------------------------------


def test_official_sets_up_two_step_login_with_the_qr_code(client: Client, official: User) -> None:
    client.force_login(official)
    profile = client.get(PROFILE).content.decode()
    assert "Aktifkan verifikasi dua langkah" in profile
    assert BEGIN in profile

    response = client.post(BEGIN)
    assert response.status_code == 302
    assert response["Location"] == SETUP
    device = TotpDevice.objects.get(user=official)
    assert device.confirmed_at is None

    page = client.get(SETUP)
    assert page.status_code == 200
    body = page.content.decode()
    assert " ".join(device.secret[i : i + 4] for i in range(0, 32, 4)) in body
    # The QR code is an SVG in a data: address, which the CSP allows for images; it carries
    # no style attribute and points at nothing outside the page.
    src = body.split('<img src="', 1)[1].split('"', 1)[0]
    assert src.startswith("data:image/svg+xml")
    svg = unquote(src.split(",", 1)[1])
    assert "<svg" in svg
    assert "style" not in svg
    assert "href" not in svg
    assert page.context["secret_groups"]
    assert "no-store" in page["Cache-Control"]

    response = client.post(SETUP, {"code": pyotp.TOTP(device.secret).now()})
    # The recovery codes are shown once, on the answer to the confirmation itself.
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10 and response.context["next_url"] == PROFILE
    assert "no-store" in response["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed_at is not None
    assert device.last_used_step is not None

    profile = client.get(PROFILE).content.decode()
    assert "Nonaktifkan verifikasi dua langkah" in profile
    assert 'name="password"' in profile
    # The setup page has nothing more to show.
    assert client.get(SETUP)["Location"] == PROFILE


def test_provisioning_uri_names_the_portal_and_the_user(official: User) -> None:
    device = services.totp_begin(user=official)
    uri = services.totp_provisioning_uri(device=device)
    parsed = pyotp.parse_uri(uri)
    assert parsed.secret == device.secret
    assert parsed.name == official.username
    assert parsed.issuer == settings.SITE_NAME


def test_wrong_confirmation_code_leaves_two_step_login_off(client: Client, official: User) -> None:
    client.force_login(official)
    client.post(BEGIN)
    device = TotpDevice.objects.get(user=official)
    right = pyotp.TOTP(device.secret).now()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    assert WRONG_CODE_TEXT in response.content.decode()
    response = client.post(SETUP, {"code": "12ab"})
    assert "Masukkan 6 angka." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed_at is None


def test_beginning_again_gives_a_new_secret_until_confirmed(official: User) -> None:
    first = services.totp_begin(user=official).secret
    second = services.totp_begin(user=official).secret
    assert first != second
    assert TotpDevice.objects.filter(user=official).count() == 1

    enable(official)
    with pytest.raises(ValidationError):
        services.totp_begin(user=official)


def test_citizens_are_not_offered_two_step_login(client: Client) -> None:
    citizen = UserFactory()
    client.force_login(citizen)
    assert "verifikasi dua langkah" not in client.get(PROFILE).content.decode()
    # Signed in but not an official: the house answer for "not for you" (403).
    assert client.post(BEGIN).status_code == 403
    assert client.get(SETUP).status_code == 403
    assert not TotpDevice.objects.exists()


def test_setup_pages_need_login_and_begin_is_post_only(client: Client, official: User) -> None:
    assert client.post(BEGIN)["Location"].startswith(LOGIN)
    assert client.get(SETUP)["Location"].startswith(LOGIN)
    client.force_login(official)
    assert client.get(BEGIN).status_code == 405
    assert client.get(SETUP)["Location"] == PROFILE  # nothing begun yet


# Login ----------------------------------------------------------------------------------------


def test_login_asks_for_the_code_after_the_password(client: Client, official: User) -> None:
    totp = enable(official)

    response = password_step(client, official)
    assert response.status_code == 302
    assert response["Location"] == LOGIN_CODE
    assert not logged_in(client)
    page = client.get(LOGIN_CODE)
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()

    response = code_step(client, next_code(totp))
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"
    assert int(client.session["_auth_user_id"]) == official.pk
    assert PENDING_KEY not in client.session


def test_safe_next_survives_the_code_step(client: Client, official: User) -> None:
    totp = enable(official)
    client.post(f"{LOGIN}?next={PROFILE}", {"username": official.username, "password": PASSWORD})
    assert code_step(client, next_code(totp))["Location"] == PROFILE


def test_wrong_password_never_reaches_the_code_step(client: Client, official: User) -> None:
    enable(official)
    response = client.post(LOGIN, {"username": official.username, "password": "salah"})
    assert response.status_code == 200
    assert PENDING_KEY not in client.session
    assert client.get(LOGIN_CODE)["Location"] == LOGIN


def test_wrong_code_is_refused_with_a_clear_message(client: Client, official: User) -> None:
    totp = enable(official)
    password_step(client, official)
    right = next_code(totp)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = code_step(client, wrong)
    assert response.status_code == 200
    assert WRONG_CODE_TEXT in response.content.decode()
    assert not logged_in(client)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = code_step(client, wrong)
    assert "The code does not match or has already been used" in response.content.decode()
    assert not logged_in(client)

    # The login is still waiting: the right code completes it.
    assert code_step(client, right).status_code == 302
    assert logged_in(client)


def test_a_code_is_accepted_once(client: Client, official: User) -> None:
    totp = enable(official)
    code = next_code(totp)
    password_step(client, official)
    assert code_step(client, code).status_code == 302
    client.post(reverse("accounts:logout"))

    password_step(client, official)
    response = code_step(client, code)
    assert response.status_code == 200
    assert WRONG_CODE_TEXT in response.content.decode()
    assert not logged_in(client)


def test_the_confirmation_code_cannot_log_in(client: Client, official: User) -> None:
    device = services.totp_begin(user=official)
    code = pyotp.TOTP(device.secret).now()
    services.totp_confirm(user=official, code=code)
    password_step(client, official)
    assert WRONG_CODE_TEXT in code_step(client, code).content.decode()


def test_verify_allows_one_step_of_drift_and_never_goes_back(official: User) -> None:
    device = services.totp_begin(user=official)
    totp = pyotp.TOTP(device.secret)
    now = (time.time() // 30) * 30 + 15  # the middle of a time step
    with mock.patch("time.time", return_value=now):
        services.totp_confirm(user=official, code=totp.at(now - 30))  # spends the previous step

        assert not services.totp_verify(user=official, code=totp.at(now - 60))  # too old
        assert not services.totp_verify(user=official, code=totp.at(now + 60))  # too far ahead
        assert not services.totp_verify(user=official, code=totp.at(now - 30))  # spent
        assert services.totp_verify(user=official, code=totp.at(now))
        assert services.totp_verify(user=official, code=totp.at(now + 30))  # next step
        # Right, but older than the step just used: refused.
        assert not services.totp_verify(user=official, code=totp.at(now))
        assert not services.totp_verify(user=official, code="abcdef")
        assert not services.totp_verify(user=UserFactory(), code=totp.at(now + 30))


def test_the_code_step_expires(client: Client, official: User) -> None:
    totp = enable(official)
    spent = TotpDevice.objects.get(user=official).last_used_step
    password_step(client, official)
    session = client.session
    session[PENDING_KEY]["at"] -= 5 * 60 + 1
    session.save()

    response = code_step(client, next_code(totp), follow=True)
    assert response.redirect_chain[-1][0] == LOGIN
    assert "Waktu memasukkan kode sudah habis" in response.content.decode()
    assert not logged_in(client)
    assert PENDING_KEY not in client.session
    assert TotpDevice.objects.get(user=official).last_used_step == spent


def test_code_step_without_a_password_goes_back_to_login(client: Client) -> None:
    assert client.get(LOGIN_CODE)["Location"] == LOGIN
    assert code_step(client, "123456")["Location"] == LOGIN
    assert not logged_in(client)


def test_deactivated_account_cannot_finish_the_code_step(client: Client, official: User) -> None:
    totp = enable(official)
    password_step(client, official)
    User.objects.filter(pk=official.pk).update(is_active=False)
    assert code_step(client, next_code(totp))["Location"] == LOGIN
    assert not logged_in(client)


def test_wrong_codes_lock_the_login(client: Client, official: User) -> None:
    """Wrong codes count like wrong passwords: after the limit the code page answers 429
    without checking the code, and the password page is locked too."""
    totp = enable(official)
    device = TotpDevice.objects.get(user=official)
    spent = device.last_used_step
    password_step(client, official)
    for n in range(3):
        assert code_step(client, "000000", ip=f"10.5.0.{n}").status_code == 200

    response = code_step(client, next_code(totp), ip="10.5.1.1")
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not logged_in(client)
    device.refresh_from_db()
    assert device.last_used_step == spent  # the right code was not even looked at

    assert password_step(client, official, ip="10.5.1.2").status_code == 429


def test_typing_the_password_again_does_not_reset_the_code_count(
    client: Client, official: User
) -> None:
    enable(official)
    password_step(client, official)
    for n in range(2):
        code_step(client, "000000", ip=f"10.6.0.{n}")
    assert password_step(client, official, ip="10.6.1.0")["Location"] == LOGIN_CODE
    code_step(client, "000000", ip="10.6.1.0")
    assert password_step(client, official, ip="10.6.2.0").status_code == 429


# Turning it off -------------------------------------------------------------------------------


def test_turning_two_step_login_off_needs_the_password(client: Client, official: User) -> None:
    enable(official)
    client.force_login(official)

    response = client.post(DISABLE, {"password": "salah"})
    assert response.status_code == 200
    assert "Kata sandi salah." in response.content.decode()
    assert TotpDevice.objects.filter(user=official).exists()
    assert client.get(DISABLE).status_code == 405

    response = client.post(DISABLE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == PROFILE
    assert not TotpDevice.objects.filter(user=official).exists()

    client.logout()
    assert password_step(client, official)["Location"] != LOGIN_CODE
    assert logged_in(client)


def test_wrong_passwords_when_turning_off_are_throttled(client: Client, official: User) -> None:
    enable(official)
    client.force_login(official)
    for _ in range(3):
        client.post(DISABLE, {"password": "salah"})
    response = client.post(DISABLE, {"password": PASSWORD})
    assert response.status_code == 429
    assert TotpDevice.objects.filter(user=official).exists()


def test_disable_service_refuses_a_wrong_password(official: User) -> None:
    enable(official)
    with pytest.raises(ValidationError):
        services.totp_disable(user=official, password="salah")
    services.totp_disable(user=official, password=PASSWORD)
    assert not TotpDevice.objects.exists()


# Everyone else --------------------------------------------------------------------------------


def test_users_without_a_device_log_in_with_the_password_alone(client: Client) -> None:
    citizen = UserFactory()
    response = password_step(client, citizen)
    assert response["Location"] == reverse("home")
    assert logged_in(client)
    assert PENDING_KEY not in client.session


def test_an_unconfirmed_setup_does_not_change_login(client: Client, official: User) -> None:
    services.totp_begin(user=official)
    response = password_step(client, official)
    assert response.status_code == 302
    assert response["Location"] != LOGIN_CODE
    assert logged_in(client)


def test_operators_see_devices_in_the_admin_without_the_secret(client: Client) -> None:
    officer = MembershipFactory().user
    totp = enable(officer)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = client.get(reverse("admin:accounts_totpdevice_changelist"))
    assert changelist.status_code == 200
    assert officer.full_name in changelist.content.decode()
    device = TotpDevice.objects.get(user=officer)
    change = client.get(reverse("admin:accounts_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200
    assert totp.secret not in change.content.decode()
    response = client.post(
        reverse("admin:accounts_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not TotpDevice.objects.exists()
