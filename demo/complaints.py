"""Demo complaints for `manage.py seed_demo`: a handful of items at the stages an official's
inbox shows on a normal day, filed and moved through the same services the portal uses.

Idempotent: each item has a fixed intake token, so a second run finds it and moves nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from complaints import services
from complaints.models import Category, Complaint, DeliveryMethod, Kind, Privacy, SlaClass
from demo.directory import PEMDA
from demo.upsert import upsert
from standards.models import Agency, Service

_NAMESPACE = uuid.UUID("5b6f1c9e-0d0a-4c1e-9a43-6c2b1f0e7d11")

# The usual categories and the OPD each one is routed to by default (002:Bab VI B.1.a.7).
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("infrastruktur-jalan", "Infrastruktur jalan dan jembatan", "dpupr"),
    ("kependudukan", "Kependudukan dan pencatatan sipil", "disdukcapil"),
    ("kesehatan", "Kesehatan", "dinkes"),
    ("pendidikan", "Pendidikan", "disdik"),
    ("kebersihan-sampah", "Kebersihan dan sampah", "dlh"),
    ("perizinan", "Perizinan", "dpmptsp"),
    ("air-bersih", "Air bersih", "pdam-tanah-laut"),
    ("penerangan-jalan", "Penerangan jalan umum", "dishub"),
    ("sosial", "Bantuan sosial", "dinsos"),
    ("lingkungan-hidup", "Lingkungan hidup", "dlh"),
    ("perhubungan", "Perhubungan dan lalu lintas", "dishub"),
    ("lainnya", "Lainnya", ""),
)


def load_demo_categories() -> Counter:
    """The categories with their default OPDs (an OPD missing from the directory: none)."""
    stats: Counter = Counter()
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=[c[2] for c in CATEGORIES])}
    for slug, name, agency_slug in CATEGORIES:
        upsert(
            Category,
            {"slug": slug},
            {"name": name, "is_active": True, "default_agency": agencies.get(agency_slug)},
            stats,
        )
    return stats


@dataclass(frozen=True)
class DemoItem:
    key: str
    kind: str
    title: str
    description: str
    privacy: str
    service_code: str
    location: str
    reporter: str  # "warga" (the demo citizen's account) or a name typed in the form
    days_ago: int
    # where the item is left: nasional, instansi, opd, progress, waiting, answered, apip (at
    # the Inspektorat), draft (a unit's answer waiting for the Penghubung's approval)
    stage: str
    category: str = ""  # a slug of CATEGORIES
    # Where it happened, for the public map (shown there rounded to about 100 m).
    latitude: Decimal | None = None
    longitude: Decimal | None = None


ITEMS: tuple[DemoItem, ...] = (
    DemoItem(
        "ktp-enam-minggu",
        Kind.PENGADUAN,
        "KTP-el belum jadi setelah enam minggu",
        "Saya merekam KTP-el di kantor Disdukcapil enam minggu lalu. Setiap datang dikatakan "
        "blanko habis. Mohon kepastian kapan KTP-el saya bisa diambil.",
        Privacy.ANONIM,
        "dukcapil-ktp",
        "Kantor Disdukcapil, Jl. H. Boejasin No. 12, Pelaihari",
        "Sari (demo)",
        1,
        "nasional",
        "kependudukan",
    ),
    DemoItem(
        "air-keruh-angsau",
        Kind.PENGADUAN,
        "Air PDAM keruh tiga hari di Angsau",
        "Air dari sambungan rumah kami keruh dan berbau sejak tiga hari. Sudah lapor lewat "
        "telepon tetapi belum ada petugas datang.",
        Privacy.PUBLIK,
        "pdam-pengaduan-air",
        "Kelurahan Angsau, RT 05, Pelaihari",
        "warga",
        3,
        "instansi",
        "air-bersih",
        latitude=Decimal("-3.796812"),
        longitude=Decimal("114.776345"),
    ),
    DemoItem(
        "akta-lahir-salah-nama",
        Kind.PENGADUAN,
        "Nama anak salah ketik di akta kelahiran",
        "Akta kelahiran anak saya tertulis 'Muhamad', seharusnya 'Muhammad'. Mohon dibetulkan.",
        Privacy.RAHASIA,
        "dukcapil-akta-lahir",
        "Desa Panggung, Pelaihari",
        "warga",
        6,
        "progress",
        "kependudukan",
    ),
    DemoItem(
        "loket-sore",
        Kind.ASPIRASI,
        "Usul loket pelayanan sore hari",
        "Banyak pekerja tidak bisa datang pagi. Mohon dibuka loket sore sampai pukul 17.00.",
        Privacy.PUBLIK,
        "dukcapil-kk",
        "",
        "warga",
        9,
        "answered",
    ),
    DemoItem(
        "jadwal-hemodialisa",
        Kind.INFORMASI,
        "Jadwal dan kuota hemodialisa",
        "Mohon informasi jadwal dan kuota hemodialisa untuk pasien BPJS bulan depan.",
        Privacy.PUBLIK,
        "rsud-hemodialisa",
        "",
        "Budi (demo)",
        2,
        "opd",
        "kesehatan",
    ),
    DemoItem(
        "kk-pindah-datang",
        Kind.PENGADUAN,
        "Kartu Keluarga pindah datang belum terbit",
        "Berkas pindah datang sudah lengkap sejak dua minggu, Kartu Keluarga belum terbit.",
        Privacy.PUBLIK,
        "dukcapil-kk",
        "Kecamatan Pelaihari",
        "warga",
        12,
        "waiting",
        "kependudukan",
        latitude=Decimal("-3.801534"),
        longitude=Decimal("114.768012"),
    ),
    DemoItem(
        "pungli-rekam-ktp",
        Kind.PENGADUAN,
        "Diminta uang saat rekam KTP-el",
        "Petugas di loket perekaman meminta Rp50.000 agar KTP-el cepat jadi. Saya tidak diberi "
        "kuitansi.",
        Privacy.RAHASIA,
        "dukcapil-ktp",
        "Kantor Disdukcapil, Jl. H. Boejasin No. 12, Pelaihari",
        "warga",
        4,
        "apip",
        "kependudukan",
    ),
    DemoItem(
        "antrean-akta-kematian",
        Kind.PENGADUAN,
        "Antrean akta kematian tidak jelas",
        "Nomor antrean untuk akta kematian tidak dipanggil berurutan; saya menunggu dua hari.",
        Privacy.PUBLIK,
        "dukcapil-akta-lahir",
        "Kantor Disdukcapil, Pelaihari",
        "Rahmat (demo)",
        5,
        "draft",
        "kependudukan",
    ),
)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _step(c: Complaint, service: Any, username: str, **kwargs: Any) -> Complaint:
    c.refresh_from_db()
    return service(complaint_id=c.pk, version=c.version, user=_user(username), **kwargs)


def _route_down(c: Complaint, opd: Agency, when: Any) -> Complaint:
    c = _step(c, services.complaint_verify, "admin.nasional", now=when)
    pemda = Agency.objects.get(slug=PEMDA)
    c = _step(c, services.complaint_route, "admin.nasional", to_agency=pemda, now=when)
    c = _step(c, services.complaint_verify, "admin.instansi", now=when)
    return _step(c, services.complaint_route, "admin.instansi", to_agency=opd, now=when)


def _advance(c: Complaint, item: DemoItem, when: Any) -> None:
    if item.stage == "nasional":
        return
    if item.stage == "apip":
        # Abuse of authority by an official goes to APIP (002:Bab VI B.1.b.13).
        inspektorat = Agency.objects.get(slug="inspektorat")
        c = _step(c, services.complaint_verify, "admin.nasional", now=when)
        pemda = Agency.objects.get(slug=PEMDA)
        c = _step(c, services.complaint_route, "admin.nasional", to_agency=pemda, now=when)
        c = _step(c, services.complaint_verify, "admin.instansi", now=when)
        _step(
            c,
            services.complaint_route,
            "admin.instansi",
            to_agency=inspektorat,
            to_apip=True,
            now=when,
        )
        return
    if item.stage == "instansi":
        c = _step(c, services.complaint_verify, "admin.nasional", now=when)
        pemda = Agency.objects.get(slug=PEMDA)
        _step(c, services.complaint_route, "admin.nasional", to_agency=pemda, now=when)
        return
    opd = c.service.agency
    c = _route_down(c, opd, when)
    if item.stage == "opd":
        return
    penghubung = "penghubung.rsud" if opd.slug == "rsud-hadji-boejasin" else "penghubung.dukcapil"
    sla = SlaClass.NORMATIF if item.kind != Kind.PENGADUAN else SlaClass.TANPA_PEMERIKSAAN
    c = _step(
        c,
        services.complaint_accept,
        penghubung,
        verification=services.Verification(sla_class=sla),
        now=when,
    )
    if item.stage == "draft":
        # The unit drafts; the Penghubung has it to approve (002:Bab VI D.3.e).
        c = _step(
            c,
            services.complaint_first_response,
            penghubung,
            note="Laporan Anda kami terima dan diteruskan ke Bidang Pendaftaran Penduduk.",
            now=when,
        )
        unit = Agency.objects.get(slug="disdukcapil-dafduk")
        c = _step(c, services.complaint_assign_unit, penghubung, unit=unit, now=when)
        _step(
            c,
            services.complaint_draft_answer,
            "upp.dukcapil",
            answer=services.Answer(
                text="Mulai pekan ini nomor antrean dipanggil lewat layar dan pengeras suara, "
                "berurutan untuk semua jenis akta."
            ),
            now=when + timedelta(days=1),
        )
    elif item.stage == "waiting":
        _step(
            c,
            services.complaint_request_data,
            penghubung,
            note="Mohon unggah foto surat keterangan pindah dari daerah asal.",
            now=when,
        )
    elif item.stage == "answered":
        _step(
            c,
            services.complaint_respond,
            penghubung,
            answer=services.Answer(
                text="Terima kasih. Mulai bulan depan loket Kartu Keluarga buka sampai 17.00 "
                "pada Senin–Kamis."
            ),
            now=when + timedelta(days=2),
        )


# The demo request for information carries what 003:Pasal 40(8) asks (no identity card).
DEMO_INFORMATION = services.InformationDetails(
    nik="6301010101900001",
    address="Jl. A. Yani Km 3, Pelaihari",
    purpose="Menyusun jadwal kontrol ayah saya yang menjalani cuci darah.",
    delivery_method=DeliveryMethod.EMAIL,
)


def load_demo_complaints() -> int:
    """File and move the demo items; returns how many were new."""
    load_demo_categories()
    categories = {c.slug: c for c in Category.objects.all()}
    created = 0
    now = timezone.now()
    for item in ITEMS:
        service = Service.objects.filter(code=item.service_code).select_related("agency").first()
        if service is None:
            continue  # the directory was edited; leave the item out rather than guess
        account = _user("warga") if item.reporter == "warga" else None
        receipt = services.complaint_submit(
            account,
            content=services.ComplaintContent(
                kind=item.kind,
                title=item.title,
                description=item.description,
                privacy=item.privacy,
                service=service,
                location=item.location,
                latitude=item.latitude,
                longitude=item.longitude,
                category=categories.get(item.category),
                information=DEMO_INFORMATION if item.kind == Kind.INFORMASI else None,
            ),
            reporter=services.Reporter(
                name="" if account else item.reporter,
                email="" if account or item.kind != Kind.INFORMASI else "budi@contoh.id",
            ),
            intake_token=uuid.uuid5(_NAMESPACE, item.key),
            now=now - timedelta(days=item.days_ago),
        )
        if receipt.created:
            created += 1
            _advance(receipt.complaint, item, now - timedelta(days=item.days_ago))
    return created
