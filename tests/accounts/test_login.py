"""Login, logout, redirects after login, and login throttling."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOCKED_TEXT = "Terlalu banyak percobaan masuk yang gagal"


@pytest.fixture(autouse=True)
def _limits(settings) -> None:
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 9
    settings.LOGIN_LOCKOUT_SECONDS = 600


def attempt(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> HttpResponse:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_citizen_logs_in_and_goes_home(client: Client) -> None:
    """SPEC A1: a verified citizen logs in with username and password."""
    user = UserFactory()
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_and_unknown_user_get_the_same_answer(client: Client) -> None:
    """SPEC A1: the login page does not tell which usernames exist."""
    user = UserFactory()
    wrong = attempt(client, user.username, "salah-sandi")
    unknown = attempt(client, "tidak-ada", "salah-sandi")
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert "Nama pengguna atau kata sandi salah" in wrong.content.decode()
    assert not logged_in(client)


@pytest.mark.urls("tests.accounts.urls_with_dashboard")
def test_official_goes_to_the_dashboard(client: Client) -> None:
    """SPEC A2: officials land on their desk after login."""
    member = MembershipFactory(role=Role.PENGHUBUNG)
    response = attempt(client, member.user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"


@pytest.mark.urls("tests.accounts.urls_without_dashboard")
def test_official_goes_home_while_no_dashboard_exists(client: Client) -> None:
    member = MembershipFactory(role=Role.KEPALA)
    response = attempt(client, member.user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.urls("tests.accounts.urls_with_dashboard")
def test_official_with_inactive_membership_is_a_citizen(client: Client) -> None:
    member = MembershipFactory(role=Role.KEPALA, is_active=False)
    response = attempt(client, member.user.username, PASSWORD)
    assert response["Location"] == "/"


@pytest.mark.urls("tests.accounts.urls_with_dashboard")
def test_safe_next_is_followed_and_foreign_next_is_not(client: Client) -> None:
    member = MembershipFactory(role=Role.PENGHUBUNG)
    response = client.post(
        f"{LOGIN}?next=/akun/profil/",
        {"username": member.user.username, "password": PASSWORD},
    )
    assert response["Location"] == "/akun/profil/"

    client.logout()
    response = client.post(
        LOGIN,
        {"username": member.user.username, "password": PASSWORD, "next": "https://jahat.example/"},
    )
    assert response["Location"] == "/dasbor/"

    citizen = UserFactory()
    client.logout()
    response = client.post(
        f"{LOGIN}?next=//jahat.example/",
        {"username": citizen.username, "password": PASSWORD},
    )
    assert response["Location"] == "/"


def test_typos_lock_that_account_from_that_address_only(client: Client, caplog) -> None:
    """SPEC A1: repeated failures for one account from one address lock that pair."""
    user = UserFactory()
    for _ in range(3):
        assert attempt(client, user.username, "salah", ip="10.0.1.1").status_code == 200
    assert "Login locked" in caplog.text

    # The right password from the same address is refused without being checked.
    with mock.patch("accounts.forms.authenticate") as authenticate:
        response = attempt(client, user.username, PASSWORD, ip="10.0.1.1")
    authenticate.assert_not_called()
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not logged_in(client)

    # Usernames differing only in case share the lock.
    assert attempt(client, user.username.upper(), PASSWORD, ip="10.0.1.1").status_code == 429
    # The owner, from their own phone, still gets in.
    assert attempt(client, user.username, PASSWORD, ip="10.0.1.2").status_code == 302


def test_a_colleague_behind_the_same_address_still_logs_in(client: Client) -> None:
    """SPEC A1: one official's typos do not lock out another official of the same office
    (the kepala.dukcapil case: both behind the office's one address)."""
    typist = UserFactory.official(agency=AgencyFactory.opd(), role=Role.PENGHUBUNG)
    kepala = UserFactory.official(agency=AgencyFactory.opd(), role=Role.KEPALA)
    for _ in range(5):
        attempt(client, typist.username, "salah", ip="10.0.5.5")
    assert attempt(client, typist.username, PASSWORD, ip="10.0.5.5").status_code == 429
    response = attempt(client, kepala.username, PASSWORD, ip="10.0.5.5")
    assert response.status_code == 302
    assert logged_in(client)


def test_guessing_one_account_from_many_addresses_locks_the_account(client: Client) -> None:
    """SPEC A1: failures for one account across addresses lock it everywhere."""
    user = UserFactory()
    for n in range(6):
        assert attempt(client, user.username, "salah", ip=f"10.0.2.{n}").status_code == 200
    assert attempt(client, user.username, PASSWORD, ip="10.0.9.9").status_code == 429
    other = UserFactory()
    assert attempt(client, other.username, PASSWORD, ip="10.0.9.9").status_code == 302


def test_one_address_trying_many_accounts_is_locked(client: Client) -> None:
    """SPEC A1: an address spraying passwords over many usernames is locked for all."""
    user = UserFactory()
    for n in range(9):
        assert attempt(client, f"tebakan{n}", "salah", ip="10.0.3.1").status_code == 200
    response = attempt(client, user.username, PASSWORD, ip="10.0.3.1")
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not logged_in(client)
    assert attempt(client, user.username, PASSWORD, ip="10.0.3.2").status_code == 302


def test_the_locked_page_says_when_to_try_again(client: Client) -> None:
    """SPEC A1: a locked user is told how long to wait, not "a few minutes"."""
    user = UserFactory()
    for _ in range(3):
        attempt(client, user.username, "salah", ip="10.0.4.1")
    page = attempt(client, user.username, PASSWORD, ip="10.0.4.1").content.decode()
    assert "Silakan coba lagi dalam 10 menit." in page


def test_unknown_username_locks_exactly_like_a_real_one(client: Client) -> None:
    """SPEC A1: lockouts do not reveal whether a username exists."""
    real = UserFactory(username="nyata")
    answers = {}
    for name in (real.username, "khayalan"):
        for _ in range(3):
            attempt(client, name, "salah", ip=f"10.1.{len(answers)}.1")
        answers[name] = attempt(client, name, "salah", ip=f"10.1.{len(answers)}.1")
        assert answers[name].status_code == 429
    assert (
        answers["nyata"].context["form"].non_field_errors()
        == answers["khayalan"].context["form"].non_field_errors()
    )


def test_success_resets_the_username_counter(client: Client) -> None:
    """SPEC A1: a successful login starts the failure count again."""
    user = UserFactory()
    for _ in range(2):
        attempt(client, user.username, "salah", ip="10.3.0.1")
    assert attempt(client, user.username, PASSWORD, ip="10.3.0.1").status_code == 302
    client.logout()
    for _ in range(2):
        attempt(client, user.username, "salah", ip="10.3.0.1")
    assert attempt(client, user.username, PASSWORD, ip="10.3.0.1").status_code == 302


def test_lock_ends_after_the_lockout_period(client: Client, settings) -> None:
    """SPEC A1: the lock is temporary; it lives in the shared cache with an expiry."""
    settings.LOGIN_LOCKOUT_SECONDS = 1
    user = UserFactory()
    for _ in range(3):
        attempt(client, user.username, "salah", ip="10.4.0.1")
    assert attempt(client, user.username, PASSWORD, ip="10.4.0.1").status_code == 429
    time.sleep(1.2)
    assert attempt(client, user.username, PASSWORD, ip="10.4.0.1").status_code == 302


def test_unverified_account_with_right_password_is_told_to_verify(client: Client) -> None:
    """SPEC A1: an unverified account cannot log in; the owner learns why."""
    user = UserFactory(unverified=True)
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 200
    body = response.content.decode()
    assert "belum diverifikasi" in body
    assert reverse("accounts:verify_resend") in body
    assert not logged_in(client)

    wrong = attempt(client, user.username, "salah")
    assert "belum diverifikasi" not in wrong.content.decode()


def test_logout_is_post_only(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert logged_in(client)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not logged_in(client)


def test_login_page_renders(client: Client) -> None:
    body = client.get(LOGIN).content.decode()
    assert 'name="username"' in body
    assert 'name="password"' in body
    assert reverse("accounts:register") in body
    assert reverse("accounts:password_reset") in body


def test_profile_needs_login_and_lists_memberships(client: Client) -> None:
    """SPEC A2: the profile shows the roles the user holds."""
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)

    opd = AgencyFactory.opd(name="Dinas Kependudukan dan Pencatatan Sipil")
    member = MembershipFactory(agency=opd, role=Role.PENGHUBUNG)
    client.force_login(member.user)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert member.user.full_name in body
    assert member.user.mobile in body
    assert "Dinas Kependudukan dan Pencatatan Sipil" in body
    assert "Pejabat Penghubung" in body
