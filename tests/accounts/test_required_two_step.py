"""Accounts a stolen password does not open (SPEC A2): two-step login required for the roles
that reach a whole instansi or the portal, one-time recovery codes stored hashed, officials'
sessions ending after inactivity and on a password change, and an audit entry for every
login, failure, lockout, two-step change and role change."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.middleware import TOUCH_SECONDS
from accounts.models import AuditAction, AuditEntry, Membership, RecoveryCode, Role, TotpDevice
from accounts.signals import IDLE_SESSION_KEY
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGIN_CODE = reverse("accounts:login_code")
ENROLL = reverse("accounts:login_enroll")


@pytest.fixture(autouse=True)
def _required(settings) -> None:
    settings.TWO_STEP_REQUIRED = True
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 3
    settings.LOGIN_LOCKOUT_SECONDS = 600


def password_step(client: Client, user, password: str = PASSWORD):
    return client.post(LOGIN, {"username": user.username, "password": password},
                       REMOTE_ADDR="10.0.0.7")  # fmt: skip


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def actions(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(user=user).order_by("pk").values_list("action", flat=True)
    )


@pytest.mark.parametrize("role", [Role.ADMIN_NASIONAL, Role.ADMIN_INSTANSI, Role.OPERATOR])
def test_a_password_alone_does_not_open_an_admin_account_spec_a2(client: Client, role) -> None:
    """SPEC A2: Admin Nasional, Admin Instansi and operators must set up the second step
    before the login completes; the right password alone logs nobody in."""
    agency = AgencyFactory.nasional() if role == Role.ADMIN_NASIONAL else AgencyFactory.pemda()
    user = MembershipFactory(role=role, agency=agency).user
    response = password_step(client, user)
    assert response.status_code == 302 and response["Location"] == ENROLL
    assert not logged_in(client)
    assert client.get(reverse("complaints:inbox")).status_code == 302  # to the login page
    page = client.get(ENROLL)
    assert page.status_code == 200 and page.context["qr"]["src"].startswith("data:image/svg")
    assert not logged_in(client)
    assert client.post(ENROLL, {"code": "000000"}).status_code == 200 and not logged_in(client)

    device = TotpDevice.objects.get(user=user)
    done = client.post(ENROLL, {"code": pyotp.TOTP(device.secret).now()})
    assert done.status_code == 200 and logged_in(client)
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "no-store" in done["Cache-Control"]
    # Stored hashed: no code is in the table, in any form.
    stored = list(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert len(stored) == 10
    for code in codes:
        assert all(code.replace("-", "") not in h and code not in h for h in stored)
    assert actions(user) == [
        AuditAction.ROLE_GRANTED,
        AuditAction.TWO_STEP_ON,
        AuditAction.RECOVERY_ISSUED,
        AuditAction.LOGIN,
    ]


def test_superusers_must_use_two_step_login_too(client: Client) -> None:
    user = UserFactory(is_superuser=True, is_staff=True)
    assert password_step(client, user)["Location"] == ENROLL
    assert not logged_in(client)


@pytest.mark.parametrize("role", [Role.PENGHUBUNG, Role.KEPALA])
def test_other_officials_and_citizens_may_keep_to_the_password(client: Client, role) -> None:
    user = MembershipFactory(role=role).user
    assert password_step(client, user).status_code == 302 and logged_in(client)
    citizen = UserFactory()
    other = Client()
    assert password_step(other, citizen).status_code == 302 and logged_in(other)


def test_a_required_two_step_login_cannot_be_switched_off() -> None:
    user = MembershipFactory(role=Role.ADMIN_INSTANSI, agency=AgencyFactory.pemda()).user
    device = services.totp_begin(user=user)
    services.totp_confirm(user=user, code=pyotp.TOTP(device.secret).now())
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.totp_disable(user=user, password=PASSWORD)
    assert TotpDevice.objects.confirmed().filter(user=user).exists()


def test_a_recovery_code_logs_in_once(client: Client) -> None:
    user = MembershipFactory(role=Role.OPERATOR, agency=AgencyFactory.pemda()).user
    device = services.totp_begin(user=user)
    services.totp_confirm(user=user, code=pyotp.TOTP(device.secret).now())
    codes = services.recovery_codes_issue(user)
    assert password_step(client, user)["Location"] == LOGIN_CODE
    assert client.post(LOGIN_CODE, {"code": codes[3].upper()}).status_code == 302
    assert logged_in(client)
    again = Client()
    assert password_step(again, user)["Location"] == LOGIN_CODE
    response = again.post(LOGIN_CODE, {"code": codes[3]})
    assert response.status_code == 200 and not logged_in(again)
    assert AuditEntry.objects.filter(user=user, action=AuditAction.RECOVERY_USED).count() == 1
    # New codes end the old unused ones.
    services.recovery_codes_issue(user)
    assert not services.recovery_code_use(user, code=codes[4])


def test_an_officials_session_ends_after_inactivity(client: Client, settings) -> None:
    settings.OFFICIAL_IDLE_SECONDS = 600
    user = MembershipFactory(role=Role.PENGHUBUNG).user
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session[IDLE_SESSION_KEY] = time.time() - 601
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN + "?next=")
    assert not logged_in(client)
    assert AuditAction.SESSION_EXPIRED in actions(user)


def test_an_active_official_stays_and_a_citizen_has_no_idle_clock(client: Client) -> None:
    user = MembershipFactory(role=Role.PENGHUBUNG).user
    client.force_login(user)
    session = client.session
    session[IDLE_SESSION_KEY] = time.time() - TOUCH_SECONDS - 5
    session.save()
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert time.time() - client.session[IDLE_SESSION_KEY] < 5  # touched again
    citizen = Client()
    citizen.force_login(UserFactory())
    assert IDLE_SESSION_KEY not in citizen.session


def test_a_password_change_ends_the_other_sessions(client: Client) -> None:
    user = MembershipFactory(role=Role.PENGHUBUNG).user
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    user.set_password("kata-sandi-baru-2026")
    user.save()
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert not logged_in(client)


def test_logins_failures_and_lockouts_are_audited_spec_a2(client: Client) -> None:
    """SPEC A2: an auditor reads who logged in, who failed, which account was locked."""
    user = MembershipFactory(role=Role.PENGHUBUNG).user
    for _ in range(3):
        assert password_step(client, user, password="salah-salah").status_code == 200
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, username=user.username)
    assert failed.count() == 3 and failed.first().ip == "10.0.0.7"
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT, username=user.username).exists()
    other = Client()
    other.force_login(user)
    other.post(reverse("accounts:logout"))
    assert actions(user)[-2:] == [AuditAction.LOGIN, AuditAction.LOGOUT]


def test_role_changes_are_audited_with_who_did_them() -> None:
    operator = UserFactory()
    membership = MembershipFactory(role=Role.PENGHUBUNG)
    membership.audit_actor = operator
    membership.is_active = False
    membership.save()
    entry = AuditEntry.objects.filter(user=membership.user).order_by("-pk").first()
    assert entry.action == AuditAction.ROLE_REVOKED and entry.actor == operator
    assert AuditEntry.objects.filter(user=membership.user, action=AuditAction.ROLE_GRANTED)
    Membership.objects.filter(pk=membership.pk).delete()
    assert actions(membership.user)[-1] == AuditAction.ROLE_REVOKED


def test_audit_entries_cannot_be_rewritten_or_deleted(client: Client) -> None:
    user = UserFactory()
    entry = services.audit_entry_add(None, action=AuditAction.LOGIN, user=user)
    for sql in ("UPDATE accounts_auditentry SET action = 'logout' WHERE id = %s",
                "DELETE FROM accounts_auditentry WHERE id = %s"):  # fmt: skip
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_an_auditor_reads_the_entries_in_the_admin_without_changing_them(client: Client) -> None:
    superuser = UserFactory(is_superuser=True, is_staff=True)
    services.audit_entry_add(None, action=AuditAction.LOCKOUT, username="target.user")
    client.force_login(superuser)
    page = client.get(reverse("admin:accounts_auditentry_changelist"))
    assert page.status_code == 200 and "target.user" in page.text
    entry = AuditEntry.objects.filter(username="target.user").get()
    assert client.post(
        reverse("admin:accounts_auditentry_delete", args=[entry.pk])
    ).status_code in (403, 302)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert not re.search(r"delete_selected", page.text)


def test_production_requires_two_step_login_and_refuses_to_switch_it_off(tmp_path) -> None:
    import os
    import secrets
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}
    env.update(
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="x.example",
        VAR_DIR=str(tmp_path),
    )
    code = "from django.conf import settings; print(settings.TWO_STEP_REQUIRED)"
    run = [sys.executable, "manage.py", "shell", "-v", "0", "-c", code]
    on = subprocess.run(run, cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert on.stdout.strip() == "True", on.stderr
    off = subprocess.run(run, cwd=root, env=env | {"TWO_STEP_REQUIRED": "0"},
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert off.returncode != 0 and "TWO_STEP_REQUIRED" in off.stderr


def test_a_device_removed_by_a_superuser_is_audited_with_who(client: Client) -> None:
    """SPEC A2: the way back for an official who lost phone and codes leaves a trace."""
    official = MembershipFactory(role=Role.PENGHUBUNG).user
    device = services.totp_begin(user=official)
    services.totp_confirm(user=official, code=pyotp.TOTP(device.secret).now())
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    url = reverse("admin:accounts_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(user=official, action=AuditAction.TWO_STEP_OFF)
    assert entry.actor == superuser
