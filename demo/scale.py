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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from complaints.models import (
    CODE_ALPHABET,
    Category,
    Complaint,
    DeadlineAlert,
    Event,
    Status,
)
from demo import directory
from reports.models import Rekap
from reputation.models import Rating, RatingDay
from standards.models import Agency, AgencyKind, Service, ServiceKind, Tier
from standards.models_standard import ServiceStandard, StandardStatus
from surveys.models import Response, Survey

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Size:
    pemda: int
    agencies: int  # OPDs over all pemda
    services: int
    complaints: int
    ratings: int
    answers: int
    years: int = 5


SIZES: dict[str, Size] = {
    # A laptop: a minute or so.
    "small": Size(
        pemda=5, agencies=60, services=300, complaints=20_000, ratings=200_000, answers=20_000
    ),  # fmt: skip
    "medium": Size(
        pemda=30,
        agencies=500,
        services=3_000,
        complaints=100_000,
        ratings=1_000_000,
        answers=100_000,
    ),  # fmt: skip
    "province": Size(
        pemda=30,
        agencies=500,
        services=3_000,
        complaints=1_000_000,
        ratings=10_000_000,
        answers=1_000_000,
    ),  # fmt: skip
}

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


class Progress:
    """One line per step, redrawn in place on a terminal: a bar, rows and rows per second."""

    def __init__(self, out: TextIO, label: str, total: int) -> None:
        self.out, self.label, self.total = out, label, max(total, 1)
        self.done, self.started, self.shown = 0, clock.perf_counter(), -1
        self.tty = out.isatty() if hasattr(out, "isatty") else False

    def add(self, n: int) -> None:
        self.done += n
        tenth = self.done * 10 // self.total
        if self.tty or tenth != self.shown:
            self.shown = tenth
            self._draw(end="\r" if self.tty else "\n")

    def finish(self) -> float:
        elapsed = clock.perf_counter() - self.started
        self.done = min(self.done, self.total) if self.done else self.total
        self._draw(end="\n")
        return elapsed

    def _draw(self, end: str) -> None:
        elapsed = max(clock.perf_counter() - self.started, 1e-6)
        share = min(self.done / self.total, 1)
        bar = "#" * int(share * 30)
        self.out.write(
            f"{self.label:<12} [{bar:<30}] {self.done:>11,} {elapsed:6.1f} s "
            f"{self.done / elapsed:>10,.0f}/s{end}"
        )
        self.out.flush()


# ---------------------------------------------------------------------------------------------
# Writing rows


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def reserve_ids(model: type[models.Model], n: int) -> int:
    """Take `n` consecutive primary keys from the model's sequence; returns the first. The
    seed runs alone (a load-test database), so nothing takes keys between the two calls."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        if n > 1:
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + n - 1])
    return first


def _defaults(model: type[models.Model], named: Sequence[str]) -> list[tuple[str, Any]]:
    """(column, value) for every concrete column the seed does not name: the field's default,
    `now` for auto_now fields, NULL where allowed."""
    now = timezone.now()
    rest = []
    for field in model._meta.concrete_fields:
        if field.attname in named or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        if value is None and not field.null:
            raise RuntimeError(
                f"seed_scale: {model.__name__}.{field.name} is NOT NULL without a default; "
                "name it in demo/scale.py"
            )
        rest.append((field.column, field.get_db_prep_save(value, connection)))
    return rest


def copy_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Progress | None = None,
) -> int:
    """COPY rows (values for `fields`, by attname: `agency_id`) into the model's table."""
    rest = _defaults(model, fields)
    columns = [model._meta.get_field(f.removesuffix("_id")).column for f in fields]
    columns += [column for column, _value in rest]
    tail = tuple(value for _column, value in rest)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {_table(model)} ({names}) FROM STDIN") as copy,
    ):  # noqa: E501
        for row in rows:
            copy.write_row((*row, *tail))
            count += 1
            if progress and count % 10_000 == 0:
                progress.add(10_000)
    if progress:
        progress.add(count % 10_000)
    return count


def insert_select(
    model: type[models.Model], fields: Sequence[str], select: str, params: Sequence[Any] = ()
) -> int:  # noqa: E501
    """INSERT INTO the model's table the rows of `select` (one SQL column per name in `fields`),
    the other columns at their defaults."""
    rest = _defaults(model, fields)
    columns = [model._meta.get_field(f.removesuffix("_id")).column for f in fields]
    columns += [column for column, _value in rest]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    extra = "".join(", %s" for _ in rest)
    outer = ", ".join(f"s.c{n}" for n in range(len(fields)))
    sql = (
        f"INSERT INTO {_table(model)} ({names}) SELECT {outer}{extra} "  # noqa: S608
        f"FROM ({select}) AS s({', '.join(f'c{n}' for n in range(len(fields)))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(value for _c, value in rest), *params])
        return cursor.rowcount


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


@dataclass
class Province:
    nasional: Agency
    pemda: list[Agency]
    opds: list[Agency]  # busiest first
    services: dict[int, list[int]]  # OPD id -> service ids, busiest first
    service_ids: list[int]  # busiest first
    categories: list[int]  # busiest first


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


# ---------------------------------------------------------------------------------------------
# Ratings, SKM answers, standards: generated inside PostgreSQL


def _skewed_array(ids: Sequence[int]) -> str:
    return "ARRAY[" + ",".join(str(int(i)) for i in ids) + "]::bigint[]"


def seed_ratings(size: Size, p: Province, out: TextIO) -> dict[str, int]:
    """Ratings over five years, services picked with a power law (rank ~ u^3), then the
    per-day counters the write path keeps, rebuilt from the rows."""
    if not size.ratings:
        return {}
    progress = Progress(out, "ratings", size.ratings)
    ids = _skewed_array(p.service_ids)
    span = size.years * 365
    chunk = 1_000_000
    for start in range(0, size.ratings, chunk):
        n = min(chunk, size.ratings - start)
        select = (
            f"SELECT ({ids})[1 + floor(power(random(), 3) * {len(p.service_ids)})::int], "  # noqa: S608
            "random() < 0.78, CASE WHEN random() < 0.6 THEN 1 + floor(random() * 5)::int END, "
            "'web', t::date, t, t, gen_random_uuid() "
            f"FROM (SELECT now() - (power(random(), 0.7) * {span}) * interval '1 day' AS t "
            f"FROM generate_series(1, {n})) g"
        )
        insert_select(
            Rating,
            [
                "service_id",
                "satisfied",
                "stars",
                "channel",
                "day",
                "rated_at",
                "received_at",
                "idempotency_key",
            ],
            select,
        )  # noqa: E501
        progress.add(n)
    progress.finish()
    # The counters: only for the services the seed rated (the demo's own rows stay as kept).
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table(RatingDay)} WHERE service_id = ANY({ids})")  # noqa: S608
    days = insert_select(
        RatingDay,
        ["service_id", "agency_id", "day", "total", "satisfied", "stars_sum", "stars_count"],
        f"SELECT r.service_id, s.agency_id, r.day, count(*), count(*) FILTER (WHERE r.satisfied), "  # noqa: S608
        f"coalesce(sum(r.stars), 0), count(r.stars) FROM {_table(Rating)} r "
        f"JOIN {_table(Service)} s ON s.id = r.service_id WHERE r.service_id = ANY({ids}) "
        "GROUP BY r.service_id, s.agency_id, r.day",
    )
    return {"ratings": size.ratings, "rating_days": days}


def seed_surveys(size: Size, p: Province, out: TextIO) -> dict[str, int]:
    """One published agency-wide SKM per OPD and year, answers spread over them (busy OPDs
    get more)."""
    if not size.answers:
        return {}
    this_year = timezone.localdate().year
    rows = []
    published = timezone.now()
    for opd in p.opds:
        for year in range(this_year - size.years, this_year):
            survey = Survey(
                agency=opd,
                title=f"SKM {opd.short_name or opd.name} {year}",
                period_kind="tahunan",
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                population=1000,
                sample_size=278,
                status="published",
                published_at=published,
            )
            rows.append(survey)
    made = Survey.objects.bulk_create(rows, batch_size=2_000)
    ids = _skewed_array([s.pk for s in made])
    progress = Progress(out, "skm answers", size.answers)
    answer = "1 + floor(power(random(), 0.35) * 4)::int"  # mostly 3 and 4
    chunk = 500_000
    for start in range(0, size.answers, chunk):
        n = min(chunk, size.answers - start)
        select = (
            f"SELECT ({ids})[1 + floor(power(random(), 2) * {len(made)})::int], "  # noqa: S608
            + ", ".join([answer] * 9)
            + ", (ARRAY['L','P'])[1 + floor(random() * 2)::int], "
            "(ARRAY['20-29','30-39','40-49','50-59'])[1 + floor(random() * 4)::int], "
            "(ARRAY['sma','s1','smp','diploma'])[1 + floor(random() * 4)::int], "
            "(ARRAY['swasta','wirausaha','pns','lainnya'])[1 + floor(random() * 4)::int], "
            "current_date - 1, 'web', gen_random_uuid() FROM generate_series(1, %s)"
        )
        fields = [
            "survey_id",
            *(f"u{k}" for k in range(1, 10)),
            "gender",
            "age_band",
            "education",
            "occupation",
            "served_on",
            "channel",
            "idempotency_key",
        ]  # noqa: E501
        insert_select(Response, fields, select, [n])
        progress.add(n)
    progress.finish()
    with connection.cursor() as cursor:  # served_on inside each survey's period
        cursor.execute(
            f"UPDATE {_table(Response)} r SET served_on = s.period_start + (r.id % 360)::int "  # noqa: S608
            f"FROM {_table(Survey)} s WHERE s.id = r.survey_id AND s.id = ANY({ids})"
        )
    return {"surveys": len(made), "skm_answers": size.answers}


def clone_rows(
    model: type[models.Model],
    template: str,
    params: Sequence[Any],
    replace: dict[str, str],
    source: str = "",
    returning: bool = False,
) -> list[int] | int:  # noqa: E501
    """INSERT copies of the rows `WHERE t.<template>` (params) of the model's table, every
    column copied but the key and those in `replace` (column -> SQL over `t` and `source`)."""
    table = _table(model)
    quote = connection.ops.quote_name
    kept = [
        f.column
        for f in model._meta.concrete_fields
        if not f.primary_key and f.column not in replace
    ]  # noqa: E501
    columns = ", ".join(quote(c) for c in [*replace, *kept])
    values = ", ".join([*replace.values(), *(f"t.{quote(c)}" for c in kept)])
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT {values} FROM {table} t {source} WHERE {template}"  # noqa: S608, E501
    )
    with connection.cursor() as cursor:
        cursor.execute(sql + (" ORDER BY 1 RETURNING id" if returning else ""), params)
        return [row[0] for row in cursor.fetchall()] if returning else cursor.rowcount


def seed_standards(p: Province, out: TextIO) -> dict[str, int]:
    """Every service without a standard gets a copy of the demo's first adopted one, with its
    requirements, steps, complaint channels and legal bases."""
    template = (
        ServiceStandard.objects.filter(status=StandardStatus.DITETAPKAN).order_by("pk").first()
    )  # noqa: E501
    if template is None:
        out.write("standards    none adopted in the demo data: skipped\n")
        return {}
    table = _table(ServiceStandard)
    new = clone_rows(
        ServiceStandard,
        f"t.id = %s AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.service_id = s.id)",  # noqa: S608
        [template.pk],
        {"service_id": "s.id", "version": "1"},
        source=f"CROSS JOIN unnest({_skewed_array(p.service_ids)}) AS s(id)",
        returning=True,
    )
    parts = 0
    for related in ServiceStandard._meta.related_objects:
        child = related.related_model
        if related.one_to_many and child._meta.app_label == "standards":
            parts += clone_rows(
                child, f"t.{related.field.column} = %s", [template.pk],
                {related.field.column: "n.id"}, source=f"CROSS JOIN unnest({_skewed_array(new or [0])}) AS n(id)",  # noqa: E501
            ) if new else 0  # fmt: skip
    out.write(f"standards    {len(new):,} adopted standards, {parts:,} of their parts\n")
    return {"standards": len(new), "standard_parts": parts}


def seed_rekaps(p: Province, size: Size, out: TextIO) -> dict[str, int]:
    """The last twelve months' Rekapitulasi of every OPD: copies of the demo's first one (the
    files are the demo's; the rows are what lists and deadlines read)."""
    template = Rekap.objects.order_by("pk").first()
    if template is None:
        out.write("rekaps       none in the demo data: skipped\n")
        return {}
    today = timezone.localdate()
    months = [
        (
            (today.year * 12 + today.month - 2 - k) // 12,
            (today.year * 12 + today.month - 2 - k) % 12 + 1,
        )
        for k in range(12)
    ]
    made = 0
    for year, month in months:
        made += clone_rows(
            Rekap,
            f"t.id = %s AND NOT EXISTS (SELECT 1 FROM {_table(Rekap)} x "  # noqa: S608
            "WHERE x.agency_id = a.id AND x.year = %s AND x.month = %s)",
            [template.pk, year, month],
            {"agency_id": "a.id", "year": str(year), "month": str(month), "version": "1"},
            source=f"CROSS JOIN unnest({_skewed_array([o.pk for o in p.opds])}) AS a(id)",
        )
    out.write(f"rekaps       {made:,} monthly rekaps\n")
    return {"rekaps": made}


def analyze(models_: Iterable[type[models.Model]]) -> None:
    """VACUUM ANALYZE (outside any transaction): planner statistics, and the visibility map
    that lets covering indexes answer without visiting the table."""
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM (ANALYZE) {_table(model)}")


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
        ("complaints", lambda: seed_complaints(size, province, rng, out)),
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
