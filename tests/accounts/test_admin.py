"""The Django admin for users and memberships."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role, User
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client: Client) -> Client:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def membership_form(user: User, agency_pk: int, role: str) -> dict[str, str]:
    return {"user": str(user.pk), "agency": str(agency_pk), "role": role, "is_active": "on"}


def test_user_pages_show_the_custom_fields(admin_client_: Client) -> None:
    user = UserFactory(full_name="Rina Marlina", mobile="081355501234")
    MembershipFactory(user=user)
    changelist = admin_client_.get(reverse("admin:accounts_user_changelist"), {"q": "Rina"})
    assert changelist.status_code == 200
    assert "Rina Marlina" in changelist.content.decode()

    change = admin_client_.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert change.status_code == 200
    body = change.content.decode()
    for field in ("full_name", "mobile", "email_verified_at_0", "memberships-0-role"):
        assert f'name="{field}"' in body
    assert 'name="first_name"' not in body

    add = admin_client_.get(reverse("admin:accounts_user_add"))
    assert add.status_code == 200
    assert 'name="full_name"' in add.content.decode()


def test_operator_adds_an_official(admin_client_: Client) -> None:
    response = admin_client_.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "penghubung1",
            "full_name": "Pak Budi",
            "email": "budi@contoh.go.id",
            "mobile": "081234567890",
            "usable_password": "true",
            "password1": "Meja-Kerja-Dinas-42",
            "password2": "Meja-Kerja-Dinas-42",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="penghubung1")
    assert user.is_active and user.full_name == "Pak Budi"


def test_admin_refuses_duplicate_email_in_any_case(admin_client_: Client) -> None:
    """SPEC A1: the e-mail constraint holds in the admin too."""
    UserFactory(email="budi@contoh.go.id")
    response = admin_client_.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "budi2",
            "full_name": "Budi Dua",
            "email": "BUDI@contoh.go.id",
            "mobile": "081234567890",
            "usable_password": "false",
        },
    )
    assert response.status_code == 200
    assert "sudah terdaftar" in response.content.decode()
    assert not User.objects.filter(username="budi2").exists()


def test_membership_admin_runs_membership_clean(admin_client_: Client) -> None:
    """SPEC A2: the admin refuses a role held at the wrong tier (Membership.clean)."""
    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda)
    user = UserFactory()
    add = reverse("admin:accounts_membership_add")

    refused = admin_client_.post(add, membership_form(user, pemda.pk, Role.PENGHUBUNG))
    assert refused.status_code == 200
    assert "tidak dapat dipegang" in refused.content.decode()
    assert not Membership.objects.exists()

    no_role = admin_client_.post(add, membership_form(user, opd.pk, ""))
    assert no_role.status_code == 200
    assert not Membership.objects.exists()

    accepted = admin_client_.post(add, membership_form(user, opd.pk, Role.PENGHUBUNG))
    assert accepted.status_code == 302
    assert Membership.objects.get().agency == opd


def test_membership_inline_runs_membership_clean(admin_client_: Client) -> None:
    """SPEC A2: the same rule holds when roles are edited on the user's page."""
    pemda = AgencyFactory.pemda()
    user = UserFactory()
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "mobile": user.mobile,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-agency": str(pemda.pk),
        "memberships-0-role": Role.KEPALA,
        "memberships-0-is_active": "on",
    }
    response = admin_client_.post(url, data)
    assert response.status_code == 200
    assert "tidak dapat dipegang" in response.content.decode()
    assert not Membership.objects.exists()

    data["memberships-0-role"] = Role.ADMIN_INSTANSI
    response = admin_client_.post(url, data)
    assert response.status_code == 302
    assert Membership.objects.get().role == Role.ADMIN_INSTANSI


def test_membership_list_filters(admin_client_: Client) -> None:
    opd = AgencyFactory.opd(name="Dinas Kesehatan")
    MembershipFactory(agency=opd, role=Role.KEPALA, user=UserFactory(full_name="Kepala Dinkes"))
    MembershipFactory(role=Role.PENGHUBUNG, user=UserFactory(full_name="Penghubung Lain"))
    url = reverse("admin:accounts_membership_changelist")
    by_role = admin_client_.get(url, {"role__exact": Role.KEPALA}).content.decode()
    assert "Kepala Dinkes" in by_role and "Penghubung Lain" not in by_role
    by_agency = admin_client_.get(url, {"agency__id__exact": opd.pk}).content.decode()
    assert "Kepala Dinkes" in by_agency and "Penghubung Lain" not in by_agency


@pytest.mark.django_db
def test_staff_with_model_permissions_cannot_grant_roles(client) -> None:
    """SPEC A2: only superusers write memberships, users and the directory through the admin;
    a staff account holding the model permissions cannot make itself an official elsewhere."""
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["accounts", "standards"],
            codename__regex=r"^(add|change|view)_",
        )
    )
    client.force_login(staff)
    assert client.get("/admin/accounts/membership/add/").status_code == 403
    assert client.get("/admin/standards/agency/add/").status_code == 403
    assert client.get("/admin/accounts/membership/").status_code == 200  # viewing stays


@pytest.mark.django_db
def test_outbox_admin_never_shows_recipients(client) -> None:
    """SPEC C3, C4: the outbox admin shows no recipient address, so no operator can link an
    anonymous item's tracking code to the person who filed it."""
    from notices.models import OutboundEmail

    row = OutboundEmail.objects.create(
        to_email="siti.pelapor@example.net",
        subject="Laporan LP-AAAA-BBBB diterima",
        body_text="Halo Siti Rahmawati",
        body_html="<p>Halo Siti Rahmawati</p>",
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (
        "/admin/notices/outboundemail/",
        f"/admin/notices/outboundemail/{row.pk}/change/",
    ):
        body = client.get(url).content.decode()
        assert "LP-AAAA-BBBB" in body
        assert "siti.pelapor@example.net" not in body and "Siti Rahmawati" not in body


@pytest.mark.django_db
def test_calendar_days_are_written_by_superusers_only(client) -> None:
    """SPEC C10, A2: a non-working day moves every deadline of an instansi (or the whole
    country); staff holding the model permissions cannot add one."""
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="standards", codename__endswith="day")
    )
    client.force_login(staff)
    assert client.get("/admin/standards/calendarday/add/").status_code == 403
