"""The demo logins: one official per role, a superuser operator and a citizen.

Every demo login shares one password, printed by `seed_demo --logins`: it is for
demonstrations only. Idempotent: users are matched by username, memberships by user, agency
and role; the password is set only when a user is created.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User
from demo.directory import AGENCIES, NASIONAL, PEMDA
from demo.upsert import upsert
from standards.models import Agency

# Demo only: printed in the terminal by `make run`; seed_demo refuses to run with DEBUG off.
DEMO_PASSWORD = "layanan-demo-2026"  # noqa: S105


@dataclass(frozen=True)
class LoginRow:
    username: str
    full_name: str
    role: str  # an accounts.models.Role value, or "" for a citizen
    agency: str  # agency slug, "" for a citizen
    mobile: str = ""
    superuser: bool = False


LOGINS: tuple[LoginRow, ...] = (
    LoginRow("admin.nasional", "Admin Nasional SP4N-LAPOR!", "admin_nasional", NASIONAL),
    LoginRow("admin.instansi", "Sekretariat Pengaduan Tanah Laut", "admin_instansi", PEMDA),
    LoginRow("pimpinan.sekda", "Sekretaris Daerah (demo)", "pimpinan", PEMDA),
    # The head of the region adopts the one-stop licensing office's standards (004:Pasal 1(3)).
    LoginRow("bupati", "Bupati Tanah Laut (demo)", "kepala_daerah", PEMDA),
    LoginRow("operator", "Operator Diskominfo", "operator", PEMDA, superuser=True),
    LoginRow("penghubung.dukcapil", "Penghubung Disdukcapil", "penghubung", "disdukcapil"),
    LoginRow("kepala.dukcapil", "Kepala Disdukcapil (demo)", "kepala", "disdukcapil"),
    LoginRow("upp.dukcapil", "Admin UPP Pendaftaran Penduduk", "admin_upp", "disdukcapil-dafduk"),
    LoginRow(
        "penghubung.rsud", "Penghubung RSUD Hadji Boejasin", "penghubung", "rsud-hadji-boejasin"
    ),
    # APIP is a real desk: the Inspektorat's Penghubung receives what is handed to APIP.
    LoginRow(
        "penghubung.inspektorat", "Penghubung Inspektorat (APIP)", "penghubung", "inspektorat"
    ),
    LoginRow("warga", "Siti Warga Demo", "", "", mobile="081234567890"),
)
DEMO_EMAIL_DOMAIN = "demo.example"


def load_people(agencies: dict[str, Agency], stats: Counter) -> None:
    """Create or update the demo users and their memberships."""
    # One hash for every demo account: hashing is deliberately slow, and these passwords are
    # public anyway.
    password_hash = ""
    for login in LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User(username=login.username, password=password_hash)
        _upsert_user(user, login, stats)
        if login.role:
            upsert(
                Membership,
                {"user": user, "agency": agencies[login.agency], "role": login.role},
                {"is_active": True},
                stats,
            )


def _upsert_user(user: User, login: LoginRow, stats: Counter) -> None:
    created = user.pk is None
    values = {
        "full_name": login.full_name,
        "email": f"{login.username}@{DEMO_EMAIL_DOMAIN}",
        "mobile": login.mobile,
        "is_active": True,
        "is_staff": login.superuser,
        "is_superuser": login.superuser,
    }
    changed = created or user.email_verified_at is None
    for name, value in values.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if not changed:
        return
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
    user.full_clean()
    user.save()
    stats["created" if created else "updated"] += 1


def login_rows() -> list[tuple[str, str, str, str]]:
    """(username, role, agency, password) for each demo login, from the data table."""
    agency_names = {row.slug: row.short_name or row.name for row in AGENCIES}
    return [
        (
            login.username,
            str(Role(login.role).label) if login.role else _("Warga"),
            agency_names[login.agency] if login.agency else "—",
            DEMO_PASSWORD,
        )
        for login in LOGINS
    ]
