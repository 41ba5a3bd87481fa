"""A province of data for load tests: `manage.py seed_scale` (on top of `seed_demo`).

Dozens of pemda, hundreds of OPDs, thousands of services and, by default, a laptop-sized
history of complaints, ratings and SKM answers; the sizes are flags. Skewed like real life:
a few agencies, services and categories take most of the traffic, five years of dates with
more recent years busier, most items closed.

Speed over ceremony, and only here: rows go in with PostgreSQL COPY (complaints, events,
alerts) or one INSERT … SELECT over generate_series (ratings, their day counters, SKM
answers, standards cloned from the demo's adopted one), never through the services one by
one. Every row still satisfies the models' constraints: the states are the ones the workflow
leaves (the same shapes as tests/bench/test_pages_bench.py). Columns the seed does not name
take the model field's default, so a field added later with a default needs no change here; a
NOT NULL field without one stops the seed with its name.
"""

from __future__ import annotations

import random
import sys
import time as clock
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from complaints.models import (
    CODE_ALPHABET,
    Category,
    Complaint,
    ComplaintTally,
    DeadlineAlert,
    Event,
    Status,
)
from complaints.tally import set_triggers, tally_rebuild
from demo import directory
from demo.bulk import Progress, analyze, copy_rows, reserve_ids
from demo.province import Province, Size
from demo.scale_sql import seed_ratings, seed_rekaps, seed_standards, seed_surveys
from reports.models import Rekap
from reputation.models import Rating, RatingDay
from standards.models import Agency, AgencyKind, Service, ServiceKind, Tier
from standards.models_standard import ServiceStandard
from surveys.models import Response, Survey

DAY = timedelta(days=1)


REGENCIES = [
    "Banjar", "Barito Kuala", "Tapin", "Hulu Sungai Selatan", "Hulu Sungai Tengah",
    "Hulu Sungai Utara", "Tabalong", "Tanah Bumbu", "Kotabaru", "Balangan", "Banjarmasin",
    "Banjarbaru", "Kapuas", "Pulang Pisau", "Barito Selatan", "Barito Utara", "Murung Raya",
    "Katingan", "Seruyan", "Kotawaringin Barat", "Kotawaringin Timur", "Lamandau", "Sukamara",
    "Gunung Mas", "Palangka Raya", "Paser", "Berau", "Kutai Barat", "Kutai Timur", "Bontang",
    "Penajam Paser Utara", "Mahakam Ulu", "Nunukan", "Malinau", "Bulungan", "Tana Tidung",
]  # fmt: skip
OPD_NAMES = [
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", AgencyKind.DINAS),
    ("Rumah Sakit Umum Daerah", "RSUD", AgencyKind.RSUD),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP", AgencyKind.DINAS),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", AgencyKind.DINAS),
    ("Dinas Kesehatan", "Dinkes", AgencyKind.DINAS),
    ("Dinas Pendidikan", "Disdik", AgencyKind.DINAS),
    ("Dinas Sosial", "Dinsos", AgencyKind.DINAS),
    ("Dinas Perhubungan", "Dishub", AgencyKind.DINAS),
    ("Badan Pendapatan Daerah", "Bapenda", AgencyKind.BADAN),
    ("Dinas Lingkungan Hidup", "DLH", AgencyKind.DINAS),
    ("Inspektorat Daerah", "Inspektorat", AgencyKind.INSPEKTORAT),
    ("Perusahaan Daerah Air Minum", "PDAM", AgencyKind.BUMD),
    ("Sekretariat Daerah", "Setda", AgencyKind.SEKRETARIAT),
    ("Badan Kepegawaian Daerah", "BKD", AgencyKind.BADAN),
]
SERVICE_NAMES = [
    "Penerbitan KTP-el", "Kartu Keluarga", "Akta Kelahiran", "Rawat Jalan", "Rawat Inap",
    "Perizinan Berusaha", "Persetujuan Bangunan Gedung", "Pengaduan Jalan Rusak",
    "Bantuan Sosial", "Pajak Bumi dan Bangunan", "Sambungan Air Baru", "Legalisir Ijazah",
    "Uji Kendaraan Bermotor", "Izin Lingkungan", "Layanan Informasi Publik",
]  # fmt: skip
CATEGORIES = [
    "Administrasi kependudukan", "Kesehatan", "Infrastruktur", "Pendidikan", "Perizinan",
    "Bantuan sosial", "Air bersih", "Perhubungan", "Pajak daerah", "Lingkungan hidup",
    "Kepegawaian", "Lainnya",
]  # fmt: skip
TITLES = [
    "KTP-el belum jadi setelah enam minggu", "Antrean pelayanan terlalu panjang",
    "Jalan berlubang di depan sekolah", "Air PDAM tidak mengalir tiga hari",
    "Petugas meminta biaya di luar ketentuan", "Permohonan salinan dokumen anggaran",
    "Usulan penambahan loket pelayanan", "Lampu jalan padam sepanjang malam",
    "Obat tidak tersedia di apotek rumah sakit", "Izin usaha tidak kunjung terbit",
]  # fmt: skip
DESCRIPTION = (
    "Saya sudah datang tiga kali ke kantor pelayanan dan setiap kali diminta kembali minggu "
    "depan tanpa kejelasan. Mohon ditindaklanjuti dan diberi kepastian waktu penyelesaian."
)
RESPONSE = "Sudah kami tindak lanjuti; dokumen dapat diambil di loket 2."
# (status, weight): most of five years' items are closed; open ones are recent.
STATUS_SHARES = [
    (Status.DITERIMA, 2), (Status.DIVERIFIKASI, 1), (Status.DIDISPOSISIKAN, 2),
    (Status.DITINDAKLANJUTI, 5), (Status.MENUNGGU_DATA, 1), (Status.SELESAI, 74),
    (Status.DIARSIPKAN, 7), (Status.DITOLAK, 8),
]  # fmt: skip
FINAL = {Status.SELESAI, Status.DIARSIPKAN, Status.DITOLAK}


# ---------------------------------------------------------------------------------------------
# The province


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    """Rank r gets 1/r^s: a few take most."""
    return [1 / (r**s) for r in range(1, n + 1)]


def tracking_code(n: int) -> str:
    """A code in the portal's format (LP-XXXX-XXXX), distinct for distinct n < 31^8: n is
    multiplied by a prime modulo 31^8 (a bijection), so neighbours do not look alike."""
    base = len(CODE_ALPHABET)
    x = (n * 1_000_000_007 + 12_345) % base**8
    chars = []
    for _ in range(8):
        x, digit = divmod(x, base)
        chars.append(CODE_ALPHABET[digit])
    return f"LP-{''.join(chars[:4])}-{''.join(chars[4:])}"


def build_directory(size: Size, out: TextIO) -> Province:
    """The demo's pemda plus new ones up to `size.pemda`, their OPDs and services."""
    nasional = Agency.objects.get(slug=directory.NASIONAL)
    demo_pemda = Agency.objects.get(slug=directory.PEMDA)
    pemda = list(Agency.objects.filter(kind=AgencyKind.PEMDA).order_by("pk"))
    pemda.sort(key=lambda a: a.pk != demo_pemda.pk)  # the demo's own first: it is the busiest
    taken = {a.slug for a in pemda}
    for name in REGENCIES:
        if len(pemda) >= size.pemda:
            break
        slug = f"pemkab-{slugify(name)}"
        if slug not in taken:
            # save() gives each new root its path; 30 rows, no need for COPY.
            pemda.append(
                Agency.objects.create(
                    kind=AgencyKind.PEMDA,
                    name=f"Pemerintah Kabupaten {name}",
                    short_name=name,
                    slug=slug,
                )
            )  # noqa: E501
    pemda = pemda[: size.pemda]

    existing = list(Agency.objects.filter(tier=Tier.OPD, parent__in=pemda).order_by("pk"))
    missing = max(size.agencies - len(existing), 0)
    rows = []
    if missing:
        first = reserve_ids(Agency, missing)
        parents = {p.pk: p for p in pemda}
        for n in range(missing):
            parent = pemda[n % len(pemda)]
            name, short, kind = OPD_NAMES[(n // len(pemda)) % len(OPD_NAMES)]
            round_ = n // (len(pemda) * len(OPD_NAMES))
            pk = first + n
            label = f"{name} {parent.short_name or parent.name}" + (
                f" {round_ + 1}" if round_ else ""
            )  # noqa: E501
            rows.append(
                (
                    pk,
                    parent.pk,
                    kind,
                    Tier.OPD,
                    f"{parents[parent.pk].path}{pk}/",
                    label[:200],
                    short,
                    f"scale-{pk}-{slugify(short)}",
                )
            )  # noqa: E501
        copy_rows(
            Agency, ["id", "parent_id", "kind", "tier", "path", "name", "short_name", "slug"], rows
        )  # noqa: E501
    opds = list(Agency.objects.filter(tier=Tier.OPD, parent__in=pemda).order_by("pk"))
    # Busiest first: Disdukcapil and RSUD of the demo pemda, then by kind, then by age.
    busy = {"disdukcapil": 0, "rsud": 1}
    opds.sort(
        key=lambda a: (
            a.parent_id != demo_pemda.pk,
            busy.get(a.kind if a.kind == "rsud" else a.slug, 2),
            a.pk,
        )
    )  # noqa: E501

    have = Service.objects.filter(agency__in=opds).count()
    missing = max(size.services - have, 0)
    if missing:
        first = reserve_ids(Service, missing)
        rows = []
        for n in range(missing):
            opd = opds[n % len(opds)]
            pk = first + n
            name = SERVICE_NAMES[(n // len(opds)) % len(SERVICE_NAMES)]
            kind = [ServiceKind.ADMINISTRATIF, ServiceKind.JASA, ServiceKind.BARANG][n % 3]
            rows.append((pk, opd.pk, name, f"{slugify(name)}-{pk}", f"S{pk}", kind))
        copy_rows(Service, ["id", "agency_id", "name", "slug", "code", "kind"], rows)
    services: dict[int, list[int]] = {}
    for pk, agency_id in (
        Service.objects.filter(agency__in=opds).order_by("pk").values_list("pk", "agency_id")
    ):  # noqa: E501
        services.setdefault(agency_id, []).append(pk)
    service_ids = [pk for opd in opds for pk in services.get(opd.pk, [])]

    for n, name in enumerate(CATEGORIES):
        Category.objects.get_or_create(name=name, defaults={"slug": f"skala-{n}-{slugify(name)}"})
    names = {name: n for n, name in enumerate(CATEGORIES)}
    categories = sorted(
        Category.objects.values_list("pk", "name"), key=lambda r: names.get(r[1], 99)
    )  # noqa: E501
    out.write(f"directory    {len(pemda)} pemda, {len(opds)} OPD, {len(service_ids)} services\n")
    return Province(nasional, pemda, opds, services, service_ids, [pk for pk, _n in categories])


# ---------------------------------------------------------------------------------------------
# Complaints and their timelines

COMPLAINT_FIELDS = [
    "id", "code", "secret_hash", "kind", "title", "description", "agency_id", "service_id",
    "location", "privacy", "channel", "reporter_name", "status", "status_before_wait",
    "holder_tier", "holder_agency_id", "nasional_id", "instansi_id", "opd_id", "category_id",
    "sla_class", "decline_reason", "response", "responded_at", "first_followup_at",
    "followup_working_days", "closed_at", "satisfied", "received_at", "holder_since",
    "penghubung_received_at", "verification_due_at", "data_due_at", "resolution_due_at",
    "closure_due_at",
]  # fmt: skip
EVENT_FIELDS = [
    "complaint_id", "created_at", "action", "actor_role", "actor_agency_id", "is_public", "note",
    "from_status", "to_status", "target_agency_id",
]  # fmt: skip


def _complaints(size: Size, p: Province, first_id: int, rng: random.Random, now: datetime,
                timeline: list[tuple], alerts: list[tuple]) -> Iterator[tuple]:  # fmt: skip
    """Complaint rows; their events and breaches are appended to `timeline` and `alerts`."""
    opd_weights = zipf_weights(len(p.opds), 1.0)
    cat_weights = zipf_weights(len(p.categories), 1.2)
    statuses, status_weights = zip(*STATUS_SHARES, strict=True)
    kinds, privacies = (
        ["pengaduan"] * 7 + ["aspirasi"] * 2 + ["informasi"],
        ["publik"] * 6 + ["rahasia"] * 3 + ["anonim"],
    )  # noqa: E501
    channels = ["portal"] * 6 + ["tatap_muka", "sms", "email", "surat"]
    span = size.years * 365
    batch = 10_000
    for start in range(0, size.complaints, batch):
        n_batch = min(batch, size.complaints - start)
        opd_pick = rng.choices(p.opds, weights=opd_weights, k=n_batch)
        status_pick = rng.choices(statuses, weights=status_weights, k=n_batch)
        cat_pick = rng.choices(p.categories, weights=cat_weights, k=n_batch)
        for i in range(n_batch):
            n = start + i
            pk = first_id + n
            opd, status, category = opd_pick[i], status_pick[i], cat_pick[i]
            kind = kinds[n % 10]
            final = status in FINAL
            # Later years busier: sqrt skews the age towards now.
            age = span * (1 - rng.random() ** 0.5) if final else rng.uniform(0, 45)
            received = now - timedelta(days=age + 1)
            pemda = opd.parent_id
            ids = p.services.get(opd.pk)
            service = ids[int(len(ids) * rng.random() ** 2)] if ids else None
            row = dict.fromkeys(COMPLAINT_FIELDS[19:])
            row.update(category_id=category, sla_class="", decline_reason="", response="",
                       received_at=received, holder_since=received)  # fmt: skip
            opd_id, before_wait = None, ""
            if status in (
                Status.DITERIMA,
                Status.DIVERIFIKASI,
                Status.MENUNGGU_DATA,
                Status.DIARSIPKAN,
                Status.DITOLAK,
            ):  # noqa: E501
                tier, holder = "instansi", pemda
                if status == Status.DITERIMA:
                    row["category_id"] = None
                if status in (Status.DITERIMA, Status.DIVERIFIKASI):
                    row["verification_due_at"] = received + 3 * DAY
                elif status == Status.MENUNGGU_DATA:
                    before_wait = Status.DIVERIFIKASI
                    row["data_due_at"] = received + 14 * DAY
                elif status == Status.DIARSIPKAN:  # the data never came: archived after 14 days
                    before_wait = Status.DIVERIFIKASI
                    row["closed_at"] = received + 15 * DAY
                else:
                    row["decline_reason"] = "tidak_bertanggung_jawab"
            else:
                tier, holder, opd_id = "opd", opd.pk, opd.pk
                row["sla_class"] = (
                    "informasi_publik"
                    if kind == "informasi"
                    else ("normatif" if n % 2 else "tanpa_pemeriksaan")
                )  # noqa: E501
                row["penghubung_received_at"] = received + 2 * DAY
                due = received + (7, 14, 21)[n % 3] * DAY
                if status == Status.DIDISPOSISIKAN:
                    row["verification_due_at"] = received + 5 * DAY
                else:
                    days = 1 + n % 10
                    row["first_followup_at"] = received + days * DAY
                    row["followup_working_days"] = max(1, days * 5 // 7)
                if status == Status.DITINDAKLANJUTI:
                    row["resolution_due_at"] = due
                if status == Status.SELESAI:
                    responded = received + (3 + n % 18) * DAY
                    row["response"], row["responded_at"] = RESPONSE, responded
                    if responded + 14 * DAY < now:
                        row["closed_at"] = responded + 14 * DAY
                        row["satisfied"] = rng.random() < 0.7
                    else:
                        row["closure_due_at"] = responded + 14 * DAY
                late = (row["responded_at"] or now) > due
                if late and status in (Status.SELESAI, Status.DITINDAKLANJUTI) and n % 4 == 0:
                    alerts.append((pk, "breach", "resolution", due, due))
            yield (
                pk, tracking_code(pk), "x", kind, f"{TITLES[n % len(TITLES)]} ({n})", DESCRIPTION,
                opd.pk if n % 10 < 7 else None, service if n % 10 < 7 else None,
                "Jl. A. Yani" if kind == "pengaduan" else "", privacies[n % 10],
                channels[n % 10], f"Pelapor {n}", status, before_wait, tier,
                holder, p.nasional.pk, pemda, opd_id, *row.values(),
            )  # fmt: skip
            timeline.append((pk, received, "submitted", "", None, True, "", "", "diterima", None))  # noqa: E501
            if status == Status.DITOLAK:
                timeline.append(
                    (
                        pk,
                        received + DAY,
                        "declined",
                        "admin_instansi",
                        pemda,
                        True,
                        "",
                        "diterima",
                        "ditolak",
                        None,
                    )
                )  # noqa: E501
            if opd_id:
                timeline.append(
                    (
                        pk,
                        received + 5 * timedelta(hours=1),
                        "verified",
                        "admin_instansi",
                        pemda,
                        True,
                        "",
                        "",
                        "diverifikasi",
                        None,
                    )
                )  # noqa: E501
                timeline.append(
                    (
                        pk,
                        received + 10 * timedelta(hours=1),
                        "routed",
                        "admin_instansi",
                        pemda,
                        True,
                        "",
                        "",
                        "didisposisikan",
                        opd_id,
                    )
                )  # noqa: E501
                if row["responded_at"]:
                    timeline.append(
                        (
                            pk,
                            row["responded_at"],
                            "responded",
                            "penghubung",
                            opd_id,
                            True,
                            RESPONSE,
                            "ditindaklanjuti",
                            "selesai",
                            None,
                        )
                    )  # noqa: E501


def seed_complaints(size: Size, p: Province, rng: random.Random, out: TextIO) -> dict[str, int]:
    if not size.complaints:
        return {}
    now = timezone.now()
    first = reserve_ids(Complaint, size.complaints)
    timeline: list[tuple] = []
    alerts: list[tuple] = []
    progress = Progress(out, "complaints", size.complaints)
    made = copy_rows(
        Complaint,
        COMPLAINT_FIELDS,
        _complaints(size, p, first, rng, now, timeline, alerts),
        progress,
    )  # noqa: E501
    seconds = progress.finish()
    progress = Progress(out, "events", len(timeline))
    events = copy_rows(Event, EVENT_FIELDS, timeline, progress)
    progress.finish()
    breaches = copy_rows(
        DeadlineAlert, ["complaint_id", "kind", "deadline_kind", "due_at", "created_at"], alerts
    )  # noqa: E501
    return {
        "complaints": made,
        "events": events,
        "breaches": breaches,
        "complaint_seconds": int(seconds),
    }  # noqa: E501


def _complaints_and_tally(size: Size, p: Province, rng: random.Random,
                          out: TextIO) -> dict[str, Any]:  # fmt: skip
    """The items with the tally's triggers off (a row-by-row trigger would slow the COPY
    tenfold), then the tally counted once from them (complaints.tally)."""
    set_triggers(False)
    try:
        counts = seed_complaints(size, p, rng, out)
    finally:
        set_triggers(True)
    began = clock.perf_counter()
    tally_rebuild()
    seconds = clock.perf_counter() - began
    out.write(f"tally        counted from the items in {seconds:.1f} s\n")
    return {**counts, "tally_s": round(seconds, 1)}


def seed_scale(size: Size, *, seed: int = 2026, out: TextIO = sys.stdout,
               steps: Callable[[str], bool] = lambda _s: True) -> dict[str, Any]:  # fmt: skip
    """Fill the database with a province of `size`; returns counts and seconds per step."""
    if connection.vendor != "postgresql":
        raise RuntimeError("seed_scale writes with PostgreSQL COPY: set DATABASE_URL")
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    timings: dict[str, Any] = {}
    started = clock.perf_counter()
    with transaction.atomic():
        province = build_directory(size, out)
    timings["directory_s"] = round(clock.perf_counter() - started, 1)
    for name, step in [
        ("complaints", lambda: _complaints_and_tally(size, province, rng, out)),
        ("ratings", lambda: seed_ratings(size, province, out)),
        ("surveys", lambda: seed_surveys(size, province, out)),
        ("standards", lambda: seed_standards(province, out)),
        ("rekaps", lambda: seed_rekaps(province, size, out)),
    ]:
        if not steps(name):
            continue
        began = clock.perf_counter()
        with transaction.atomic():
            timings.update(step())
        timings[f"{name}_s"] = round(clock.perf_counter() - began, 1)
    began = clock.perf_counter()
    analyze(
        [
            Agency,
            Service,
            Complaint,
            ComplaintTally,
            Event,
            DeadlineAlert,
            Rating,
            RatingDay,
            Survey,
            Response,
            ServiceStandard,
            Rekap,
        ]
    )  # noqa: E501
    timings["analyze_s"] = round(clock.perf_counter() - began, 1)
    timings["total_s"] = round(clock.perf_counter() - started, 1)
    return timings
