"""Demo service standards and maklumat, written through standards.services (idempotent). Every
demo OPD gets a maklumat signed by its Kepala; an OPD with fewer than MIN_SERVICES services
(its own and its units') gets the general ones every office runs (EXTRA_SERVICES) up to that
number; then its services get, in code order: adopted standards for the first MAX_ADOPTED, a
draft for the next one, and nothing for the rest (at least one never started). The one-stop
licensing office (DPMPTSP) is adopted, and its maklumat signed, by the Bupati (the demo's
`bupati` account, KEPALA_DAERAH). Each OPD's Kepala acts through a demo account without a
password (kepala.dukcapil keeps the public demo one).
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from pypdf import PdfWriter

from accounts.models import Membership, Role, User
from demo.directory import PEMDA
from demo.people import DEMO_EMAIL_DOMAIN
from demo.upsert import upsert
from standards.models import Agency, Service, Tier
from standards.models_standard import OneStopOffice, ServiceStandard
from standards.services import (
    DEFAULT_STATEMENTS,
    Components,
    ParticipantInput,
    berita_acara_record,
    maklumat_sign,
    standard_adopt,
    standard_internalise,
    standard_start,
)

ONE_STOP_SLUG = "dpmptsp"
# "A few" adopted standards per OPD: enough to show every state, cheap enough to seed often.
MAX_ADOPTED = 2
# Adopted, one draft, one never started.
MIN_SERVICES = MAX_ADOPTED + 2
# (code suffix, name, kind, description): what any office offers at its front desk.
EXTRA_SERVICES = (
    (
        "informasi",
        "Layanan Informasi Publik",
        "administratif",
        "Permohonan informasi publik melalui PPID Pelaksana {agency}.",
    ),
    (
        "konsultasi",
        "Konsultasi dan Pengaduan Langsung",
        "jasa",
        "Konsultasi tatap muka dan penerimaan pengaduan di kantor {agency}.",
    ),
    (
        "rekomendasi",
        "Penerbitan Surat Rekomendasi",
        "administratif",
        "Surat rekomendasi sesuai tugas dan fungsi {agency}.",
    ),
)


def _scan() -> bytes:
    """A one-page blank PDF standing in for the signed Berita Acara's scan."""
    out = BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _kepala(agency: Agency) -> User:
    existing = (
        User.objects.filter(
            memberships__agency=agency, memberships__role=Role.KEPALA, memberships__is_active=True
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    username = f"kepala.{agency.slug}"[:150]
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            full_name=f"Kepala {agency.short_name or agency.name} (demo)",
            email=f"{username}@{DEMO_EMAIL_DOMAIN}",
        )
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, agency=agency, role=Role.KEPALA)
    return user


def _components(service: Service, index: int) -> Components:
    paid = service.kind == "barang" or index % 4 == 3
    return Components(
        fields={
            "produk": service.description or service.name,
            "duration_value": (index % 5) + 1,
            "duration_unit": "hari_kerja",
            "is_free": not paid,
            "fee_amount": Decimal("10000") * ((index % 3) + 1) if paid else None,
            "fee_legal_basis": "Peraturan Daerah tentang Retribusi Daerah" if paid else "",
            "fee_note": "",
            "sarana": "Ruang tunggu, loket, komputer dan printer, toilet ramah disabilitas.",
            "staff_count": 3 + index % 4,
            "kompetensi": "Memahami peraturan layanan; ramah dan komunikatif.",
            "pengawasan": "Pengawasan langsung oleh atasan dan evaluasi bulanan.",
            "jaminan_pelayanan": "Layanan diberikan sesuai standar dan jangka waktu.",
            "jaminan_keamanan": "Berkas dan data pemohon dijaga kerahasiaannya.",
            "evaluasi_kinerja": "Survei kepuasan masyarakat setiap semester.",
        },
        requirements=[
            ("Kartu Tanda Penduduk (KTP-el)", "fotokopi", 1),
            ("Formulir permohonan yang telah diisi", "asli", 1),
        ],
        steps=[
            ("Pemohon mengambil nomor antrean dan menyerahkan berkas", ""),
            ("Petugas memeriksa kelengkapan berkas", "Petugas loket"),
            ("Berkas diproses dan diverifikasi", "Petugas teknis"),
            ("Produk layanan diserahkan kepada pemohon", "Petugas loket"),
        ],
        channels=[
            ("Portal Layanan Publik", "menu Pengaduan"),
            ("SP4N-LAPOR!", "lapor.go.id"),
            ("Kotak saran", "ruang tunggu"),
        ],
        legal_bases=[
            ("Undang-Undang tentang Pelayanan Publik", "25", 2009),
            ("Peraturan Bupati tentang Standar Pelayanan Publik", "24", 2018),
        ],
    )


def _adopt(service: Service, manager: User, adopter: User, index: int) -> None:
    standard = standard_start(manager, service=service, components=_components(service, index))
    held = timezone.localdate() - datetime.timedelta(days=40)
    berita_acara_record(
        manager,
        standard=standard,
        held_on=held,
        method="fgd" if index % 2 == 0 else "public_hearing",
        notes="Peserta menyepakati rancangan dengan perbaikan kecil pada persyaratan.",
        scan=SimpleUploadedFile("berita-acara.pdf", _scan()),
        participants=[
            ParticipantInput("Hj. Rahmah", "penerima", "Warga Pelaihari"),
            ParticipantInput("H. Syahrani", "tokoh", "Tokoh masyarakat"),
            ParticipantInput("Dr. Fitriani", "akademisi", "Politeknik Negeri Tanah Laut"),
            ParticipantInput("Budi Santoso", "pemerintah", service.agency.name),
        ],
    )
    adopted = standard_adopt(
        adopter,
        standard=standard,
        decree_number=f"800/{service.pk}/{service.agency.short_name or 'OPD'}/2026",
        decree_date=held + datetime.timedelta(days=10),
        adopted_by_name=adopter.full_name,
    )
    standard_internalise(
        manager,
        standard=adopted,
        on=held + datetime.timedelta(days=14),
        note="Apel pagi seluruh petugas loket.",
    )


def _extra_services(opd: Agency, missing: int, stats: Counter) -> list[Service]:
    """Up to `missing` general services of the OPD, created (or found) by code."""
    added: list[Service] = []
    for suffix, name, kind, description in EXTRA_SERVICES[: max(missing, 0)]:
        service = upsert(
            Service,
            {"code": f"{opd.slug}-{suffix}"[:40]},
            {
                "agency": opd,
                "name": name,
                "slug": slugify(name)[:120],
                "kind": kind,
                "description": description.format(agency=opd.short_name or opd.name),
                "is_active": True,
            },
            stats,
        )
        added.append(service)
    return added


def load_demo_standards() -> Counter:
    stats: Counter = Counter()
    pemda = Agency.objects.filter(slug=PEMDA).first()
    if pemda is None:
        return stats
    bupati = User.objects.filter(
        memberships__agency=pemda, memberships__role=Role.KEPALA_DAERAH
    ).first()
    one_stop = Agency.objects.filter(slug=ONE_STOP_SLUG).first()
    if one_stop is not None and bupati is not None:
        OneStopOffice.objects.get_or_create(agency=one_stop)
    for opd in Agency.objects.filter(tier=Tier.OPD, path__startswith=pemda.path, is_active=True):
        kepala = _kepala(opd)
        is_one_stop = bupati is not None and one_stop is not None and opd.pk == one_stop.pk
        adopter = bupati if is_one_stop else kepala
        if not opd.maklumat.exists():
            maklumat_sign(
                adopter,
                agency=opd,
                statement_standard=DEFAULT_STATEMENTS[0],
                statement_duty=DEFAULT_STATEMENTS[1],
                statement_sanction=DEFAULT_STATEMENTS[2],
                signer_name=adopter.full_name,
                signer_position="Bupati Tanah Laut" if is_one_stop else f"Kepala {opd.name}",
                signed_on=timezone.localdate() - datetime.timedelta(days=60),
            )
            stats["maklumat"] += 1
        services = list(
            Service.objects.filter(Q(agency=opd) | Q(agency__parent=opd), is_active=True)
            .select_related("agency")
            .order_by("code")
        )
        if ServiceStandard.objects.filter(service__in=services).exists():
            continue  # already seeded: leave what officers changed since
        services += _extra_services(opd, MIN_SERVICES - len(services), stats)
        count = len(services)
        adopt_upto = min(max(count - 2, 1), MAX_ADOPTED)
        for index, service in enumerate(services):
            if index < adopt_upto:
                _adopt(service, kepala, adopter, index)
                stats["adopted"] += 1
            elif index == adopt_upto:
                standard_start(kepala, service=service, components=_components(service, index))
                stats["drafts"] += 1
    return stats
