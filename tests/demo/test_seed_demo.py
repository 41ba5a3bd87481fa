"""`manage.py seed_demo`: the demo kabupaten, its services and one login per role."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from accounts.models import Membership, Role, User
from demo import directory, people
from standards.models import Agency, AgencyKind, PublicOfficer, Service, Tier

NAMED_SERVICES = {
    "dukcapil-ktp": "KTP-el",
    "dukcapil-kk": "Kartu Keluarga",
    "dukcapil-akta-lahir": "Akta Kelahiran",
    "dukcapil-akta-mati": "Akta Kematian",
    "dukcapil-kia": "Kartu Identitas Anak (KIA)",
    "dukcapil-pindah": "Surat Pindah (SKPWNI)",
    "dpmptsp-pbg": "Persetujuan Bangunan Gedung (PBG)",
    "dpmptsp-nib": "Nomor Induk Berusaha (NIB) dan Izin Usaha",
    "dpmptsp-reklame": "Izin Reklame",
    "rsud-igd": "Instalasi Gawat Darurat (IGD)",
    "rsud-rawat-inap": "Rawat Inap",
    "rsud-surat-sehat": "Surat Keterangan Sehat",
    "pdam-sambungan-baru": "Sambungan Baru",
    "pdam-pengaduan-air": "Pengaduan Gangguan Air",
    "pdam-rekening": "Pembayaran Rekening Air",
}

MODELS = (Agency, PublicOfficer, Service, User, Membership)


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def dev_settings(settings: Settings) -> Settings:
    # The demo is loaded on development settings (DEBUG on), as `make run` does.
    settings.DEBUG = True
    return settings


@pytest.fixture
def seeded(dev_settings) -> None:
    seed("--quiet")


def snapshot() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.mark.django_db
def test_seed_builds_two_roots_and_an_opd_tier_with_kecamatan_and_kelurahan(seeded) -> None:
    nasional = Agency.objects.get(slug=directory.NASIONAL)
    pemda = Agency.objects.get(slug=directory.PEMDA)
    assert (nasional.kind, nasional.parent, nasional.tier) == ("nasional", None, Tier.INSTANSI)
    assert (pemda.name, pemda.kind, pemda.parent) == (
        "Pemerintah Kabupaten Tanah Laut",
        "pemda",
        None,
    )

    opds = Agency.objects.opds()
    assert opds.count() >= 25
    assert set(opds.values_list("parent", flat=True)) == {pemda.pk}
    kinds = set(opds.values_list("kind", flat=True))
    assert {
        AgencyKind.KECAMATAN,
        AgencyKind.KELURAHAN,
        AgencyKind.UPTD,
        AgencyKind.BUMD,
        AgencyKind.RSUD,
        AgencyKind.DINAS,
        AgencyKind.BADAN,
        AgencyKind.SEKRETARIAT,
        AgencyKind.INSPEKTORAT,
    } <= kinds
    assert opds.filter(kind=AgencyKind.KECAMATAN).count() >= 2
    assert opds.filter(kind=AgencyKind.KELURAHAN).count() >= 2
    assert Agency.objects.get(slug="pdam-tanah-laut").kind == AgencyKind.BUMD

    unit_parents = set(Agency.objects.filter(tier=Tier.UNIT).values_list("parent__slug", flat=True))
    assert unit_parents == {"disdukcapil", "rsud-hadji-boejasin"}
    for agency in Agency.objects.select_related("parent"):
        parent_path = agency.parent.path if agency.parent else "/"
        assert agency.path == f"{parent_path}{agency.pk}/"


@pytest.mark.django_db
def test_seed_loads_a_hundred_services_including_the_ones_people_ask_for(seeded) -> None:
    assert Service.objects.count() >= 100
    services = {s.code: s for s in Service.objects.select_related("agency")}
    for code, name in NAMED_SERVICES.items():
        assert services[code].name == name
    prefix_owner = {
        "dukcapil-": "disdukcapil",
        "dpmptsp-": "dpmptsp",
        "rsud-": "rsud-hadji-boejasin",
        "pdam-": "pdam-tanah-laut",
    }
    for code, service in services.items():
        for prefix, owner in prefix_owner.items():
            if code.startswith(prefix):
                assert service.agency.slug == owner, code
        assert service.description.endswith(".")
        assert service.kind in {"barang", "jasa", "administratif"}
    # A kecamatan, a kelurahan and a puskesmas serve people too.
    for kind in (AgencyKind.KECAMATAN, AgencyKind.KELURAHAN, AgencyKind.UPTD):
        assert Service.objects.filter(agency__kind=kind).exists()
    assert not Service.objects.filter(agency__kind=AgencyKind.NASIONAL).exists()


@pytest.mark.django_db
def test_every_opd_publishes_a_profile_and_names_its_complaint_officer(seeded) -> None:
    """SPEC P1, C18: profile with motto, vision and mission; named complaint officers."""
    for opd in Agency.objects.opds().prefetch_related("officers"):
        assert opd.motto and opd.visi and opd.misi_items, opd.slug
        assert opd.address and opd.phone and opd.email and opd.opening_hours, opd.slug
        officers = list(opd.officers.all())
        assert 1 <= len(officers) <= 3, opd.slug
        assert sum(o.handles_complaints for o in officers) == 1, opd.slug
        assert officers[0].order == 0 and not officers[0].handles_complaints
    names = list(PublicOfficer.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))


@pytest.mark.django_db
def test_one_demo_login_per_role_with_a_valid_membership(seeded) -> None:
    """SPEC A2: each official holds one role at an agency of the right tier."""
    for role in Role:
        memberships = Membership.objects.active().filter(role=role).select_related("agency")
        assert memberships.count() >= 1, role
        for membership in memberships:
            membership.full_clean()
    by_user = {
        m.user.username: (m.role, m.agency.slug)
        for m in Membership.objects.select_related("user", "agency")
    }
    assert by_user["admin.nasional"] == (Role.ADMIN_NASIONAL, directory.NASIONAL)
    assert by_user["admin.instansi"] == (Role.ADMIN_INSTANSI, directory.PEMDA)
    assert by_user["pimpinan.sekda"] == (Role.PIMPINAN, directory.PEMDA)
    assert by_user["bupati"] == (Role.KEPALA_DAERAH, directory.PEMDA)
    assert by_user["operator"] == (Role.OPERATOR, directory.PEMDA)
    assert by_user["penghubung.dukcapil"] == (Role.PENGHUBUNG, "disdukcapil")
    assert by_user["kepala.dukcapil"] == (Role.KEPALA, "disdukcapil")
    assert by_user["upp.dukcapil"] == (Role.ADMIN_UPP, "disdukcapil-dafduk")
    assert by_user["penghubung.rsud"] == (Role.PENGHUBUNG, "rsud-hadji-boejasin")
    assert by_user["penghubung.inspektorat"] == (Role.PENGHUBUNG, "inspektorat")

    users = User.objects.filter(username__in=[login.username for login in people.LOGINS])
    assert users.count() == len(people.LOGINS)
    assert all(user.email_verified_at is not None for user in users)
    # One shared demo password, hashed once for all accounts.
    assert len({user.password for user in users}) == 1
    assert users[0].check_password(people.DEMO_PASSWORD)
    operator = User.objects.get(username="operator")
    assert operator.is_staff and operator.is_superuser
    assert User.objects.filter(is_superuser=True).count() == 1
    citizen = User.objects.get(username="warga")
    assert not citizen.memberships.exists() and not citizen.is_staff
    assert citizen.email and citizen.mobile


@pytest.mark.django_db
def test_running_seed_twice_changes_nothing(seeded) -> None:
    before = snapshot()
    assert "0 baris baru, 0 diperbarui" in seed()
    assert snapshot() == before


@pytest.mark.django_db
def test_seed_restores_edited_demo_rows_but_keeps_a_changed_password(seeded) -> None:
    Agency.objects.filter(slug="disdukcapil").update(phone="000")
    user = User.objects.get(username="warga")
    user.set_password("sandi-pribadi-warga")
    user.save()
    out = seed()
    assert "0 baris baru, 1 diperbarui" in out
    assert Agency.objects.get(slug="disdukcapil").phone == "(0512) 21456"
    assert User.objects.get(username="warga").check_password("sandi-pribadi-warga")


@pytest.mark.django_db
def test_every_seeded_object_passes_full_clean(seeded) -> None:
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.django_db
def test_seed_refuses_to_load_public_passwords_with_debug_off(dev_settings) -> None:
    dev_settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not Agency.objects.exists()
    seed("--force", "--quiet")
    assert Agency.objects.filter(slug=directory.PEMDA).exists()


@pytest.mark.django_db
def test_loading_prints_one_summary_line_and_quiet_prints_nothing(dev_settings) -> None:
    lines = seed().strip().splitlines()
    assert len(lines) == 1
    assert f"{Service.objects.count()} layanan" in lines[0]
    assert seed("--quiet") == ""
    assert seed("-v", "0") == ""


def test_logins_table_lists_every_demo_login_and_nothing_else() -> None:
    out = seed("--logins")
    rows = [line.split() for line in out.splitlines() if "layanan-demo-2026" in line]
    assert [row[0] for row in rows] == [login.username for login in people.LOGINS]
    for label in ("Admin Nasional", "Admin Instansi", "Pejabat Penghubung", "Admin UPP", "Warga"):
        assert label in out
    assert "Disdukcapil" in out and "RSUD" in out
    assert "demo" in out.splitlines()[0].lower()
    # Aligned columns: the password starts in the same column on every row.
    columns = {line.index("layanan-demo-2026") for line in out.splitlines() if "2026" in line}
    assert len(columns) == 1


@pytest.mark.django_db
def test_seed_files_demo_complaints_at_every_stage_once(seeded) -> None:
    """`make run` opens on inboxes with work in them: items at the national desk, at the
    instansi, at an OPD, in progress, waiting for data and answered — filed and moved through
    the services, so their timelines and deadlines are real. A second run adds none."""
    from complaints.models import Complaint, HolderTier, Status

    items = {c.title: c for c in Complaint.objects.select_related("holder_agency")}
    assert len(items) == 8
    stages = {(c.status, c.holder_tier) for c in items.values()}
    assert (Status.DITERIMA, HolderTier.NASIONAL) in stages
    assert (Status.DIDISPOSISIKAN, HolderTier.INSTANSI) in stages
    assert (Status.DIDISPOSISIKAN, HolderTier.OPD) in stages
    assert (Status.DITINDAKLANJUTI, HolderTier.OPD) in stages
    assert (Status.MENUNGGU_DATA, HolderTier.OPD) in stages
    assert (Status.SELESAI, HolderTier.OPD) in stages
    # SPEC C6: APIP is the Inspektorat's own desk, and a unit's draft waits for the
    # Penghubung's approval.
    apip = items["Diminta uang saat rekam KTP-el"]
    assert apip.is_apip and apip.holder_agency.slug == "inspektorat"
    draft = items["Antrean akta kematian tidak jelas"]
    assert draft.holder_tier == HolderTier.UNIT and draft.draft_response
    assert draft.first_response_at is not None and draft.response == ""
    assert all(c.events.exists() for c in items.values())
    seed("--quiet")
    assert Complaint.objects.count() == 8


def test_no_app_imports_the_demo_app() -> None:
    """The demo stands on top of the house: the apps and config never import it, and the
    reports app holds no demo code."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for app in ("standards", "accounts", "complaints", "reputation", "surveys", "reports")
        for path in (root / app).rglob("*.py")
        if re.search(r"^\s*(from|import) demo\b", path.read_text(), re.MULTILINE)
        or "demo" in path.stem
    ]
    assert offenders == []
