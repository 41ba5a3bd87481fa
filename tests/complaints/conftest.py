"""A small administrative world for complaint tests: a national desk, two pemda, OPDs, a unit,
the Inspektorat, and one official per role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from accounts.models import Membership, Role, User
from complaints import services
from complaints.models import Complaint, Kind, Privacy
from standards.models import Agency, AgencyKind, Service


@dataclass
class World:
    nasional: Agency
    pemda: Agency
    other_pemda: Agency
    dukcapil: Agency
    rsud: Agency
    inspektorat: Agency
    unit: Agency
    other_opd: Agency
    service: Service
    users: dict[str, User] = field(default_factory=dict)

    def user(self, key: str) -> User:
        return self.users[key]

    def submit(self, **overrides: Any) -> services.Receipt:
        """File an item through the service, with flat overrides: the content's fields,
        `reporter_name/_email/_phone`, `reporter` (the citizen's account) or `entered_by`
        (an officer), `channel`, `intake_token`, `now`."""
        content: dict[str, Any] = {
            "kind": Kind.PENGADUAN,
            "title": "KTP-el belum jadi",
            "description": "Sudah enam minggu KTP-el saya masih dalam proses.",
            "privacy": Privacy.ANONIM,
            "location": "Jl. A. Yani No. 1, Pelaihari",
            "service": self.service,
        }
        contact = {
            "name": overrides.pop("reporter_name", "Siti Rahmawati Pelapor"),
            "email": overrides.pop("reporter_email", "siti.pelapor@example.net"),
            "phone": overrides.pop("reporter_phone", "081299887766"),
        }
        user = overrides.pop("entered_by", None) or overrides.pop("reporter", None)
        rest = {k: overrides.pop(k) for k in ("channel", "intake_token", "now") if k in overrides}
        content.update(overrides)
        return services.complaint_submit(
            user,
            content=services.ComplaintContent(**content),
            reporter=services.Reporter(**contact),
            **rest,
        )


def _user(username: str, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username,
        password="kata-sandi-uji-123",
        full_name=extra.pop("full_name", username.replace(".", " ").title()),
        email=f"{username}@example.go.id",
        **extra,
    )
    return user


def _member(username: str, agency: Agency, role: str) -> User:
    user = _user(username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def build_world() -> World:
    nasional = Agency.objects.create(kind=AgencyKind.NASIONAL, name="Admin Nasional", slug="nas")
    pemda = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Tanah Laut", slug="tala")
    other = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Banjar", slug="banjar")
    dukcapil = Agency.objects.create(
        kind=AgencyKind.DINAS, name="Disdukcapil", slug="dukcapil", parent=pemda
    )
    rsud = Agency.objects.create(
        kind=AgencyKind.RSUD, name="RSUD Hadji Boejasin", slug="rsud", parent=pemda
    )
    inspektorat = Agency.objects.create(
        kind=AgencyKind.INSPEKTORAT, name="Inspektorat", slug="inspektorat", parent=pemda
    )
    unit = Agency.objects.create(
        kind=AgencyKind.UNIT,
        name="Bidang Pelayanan Pendaftaran Penduduk",
        slug="pdp",
        parent=dukcapil,
    )
    other_opd = Agency.objects.create(
        kind=AgencyKind.DINAS, name="Disdukcapil Banjar", slug="dukcapil-banjar", parent=other
    )
    service = Service.objects.create(
        agency=dukcapil, name="KTP-el", slug="ktp-el", code="dukcapil-ktp", kind="administratif"
    )
    w = World(nasional, pemda, other, dukcapil, rsud, inspektorat, unit, other_opd, service)
    w.users = {
        "admin_nasional": _member("admin.nasional", nasional, Role.ADMIN_NASIONAL),
        "admin_instansi": _member("admin.instansi", pemda, Role.ADMIN_INSTANSI),
        "penghubung": _member("penghubung.dukcapil", dukcapil, Role.PENGHUBUNG),
        "admin_upp": _member("upp.pdp", unit, Role.ADMIN_UPP),
        "kepala": _member("kepala.dukcapil", dukcapil, Role.KEPALA),
        "pimpinan": _member("sekda", pemda, Role.PIMPINAN),
        "operator": _member("operator", pemda, Role.OPERATOR),
        "penghubung_rsud": _member("penghubung.rsud", rsud, Role.PENGHUBUNG),
        "penghubung_inspektorat": _member("penghubung.inspektorat", inspektorat, Role.PENGHUBUNG),
        "admin_instansi_other": _member("admin.banjar", other, Role.ADMIN_INSTANSI),
        "penghubung_other": _member("penghubung.banjar", other_opd, Role.PENGHUBUNG),
        "citizen": _user("warga", full_name="Budi Warga"),
    }
    return w


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def fresh(complaint: Complaint) -> Complaint:
    complaint.refresh_from_db()
    return complaint
