"""Builders for service standard tests: complete components, a signed scan, a whole adoption."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import Role
from standards.models import Agency, Service
from standards.models_standard import ParticipantGroup, ServiceStandard
from standards.services import (
    Components,
    ParticipantInput,
    berita_acara_record,
    standard_adopt,
    standard_start,
)
from tests.factories import AgencyFactory, ServiceFactory, UserFactory, pdf_bytes

MINIMAL_PDF = pdf_bytes()


def scan_pdf(name: str = "berita-acara.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def scan_png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return SimpleUploadedFile("ba.png", out.getvalue(), content_type="image/png")


def components(*, fee: Decimal | None = None, produk: str = "KTP elektronik") -> Components:
    fields = {
        "produk": produk,
        "duration_value": 14,
        "duration_unit": "hari_kerja",
        "is_free": fee is None,
        "fee_amount": fee,
        "fee_legal_basis": "Perda Nomor 3 Tahun 2021" if fee else "",
        "fee_note": "",
        "sarana": "Ruang tunggu ber-AC, kursi roda",
        "staff_count": 4,
        "kompetensi": "Memahami SIAK",
        "pengawasan": "Kepala bidang setiap hari",
        "jaminan_pelayanan": "Selesai tepat waktu",
        "jaminan_keamanan": "Data pribadi dijaga",
        "evaluasi_kinerja": "Setiap triwulan",
    }
    return Components(
        fields=fields,
        requirements=[("Kartu Keluarga", "fotokopi", 1), ("Surat pengantar RT", "asli", 1)],
        steps=[
            ("Pemohon mengambil nomor antrean", ""),
            ("Petugas memverifikasi berkas", "Loket 1"),
        ],
        channels=[("WhatsApp", "0812 0000 1111"), ("Kotak saran", "ruang tunggu")],
        legal_bases=[("Undang-Undang tentang Pelayanan Publik", "25", 2009)],
    )


def officers(agency: Agency) -> dict[str, object]:
    return {
        "penghubung": UserFactory.official(agency=agency, role=Role.PENGHUBUNG),
        "kepala": UserFactory.official(
            agency=agency, role=Role.KEPALA, full_name="Drs. Kepala Dinas"
        ),
    }


def discussed(
    service: Service, manager: object, *, groups: tuple[str, ...] = ("tokoh",)
) -> ServiceStandard:
    standard = standard_start(manager, service=service, components=components())
    berita_acara_record(
        manager,
        standard=standard,
        held_on=timezone.localdate(),
        method="fgd",
        notes="Disepakati.",
        scan=scan_pdf(),
        participants=[ParticipantInput(f"Peserta {g}", g) for g in groups],
    )
    standard.refresh_from_db()
    return standard


def adopted(service: Service, manager: object, kepala: object) -> ServiceStandard:
    standard = discussed(
        service, manager, groups=(ParticipantGroup.TOKOH, ParticipantGroup.PEMERINTAH)
    )
    return standard_adopt(
        kepala,
        standard=standard,
        decree_number="800/12/DKC/2026",
        decree_date=timezone.localdate() - datetime.timedelta(days=1),
        adopted_by_name="Drs. Kepala Dinas",
    )


def opd_with_service() -> tuple[Agency, Service]:
    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda)
    return opd, ServiceFactory(agency=opd)
