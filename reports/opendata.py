"""Open data: anonymised monthly complaint aggregates per agency and category, as CSV and
JSON for the public and the Satu Data portals (SPEC C15; 003:Pasal 21).

The schema is stable and versioned: a field is never renamed or removed within a major
version; new fields are added at the end with a minor version bump. Only counts are
published: no text, no reporter, no tracking code, whatever the item's privacy.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import FINAL_STATUSES, Complaint, Status, breach_recorded

SCHEMA_NAME = "layanan-publik/pengaduan-bulanan"
SCHEMA_VERSION = "1.0"

# name, type, description: the documented schema, in column order.
FIELDS: list[tuple[str, str, Any]] = [
    ("versi_skema", "string", _("Versi skema data ini, misalnya 1.0.")),
    ("bulan", "string (YYYY-MM)", _("Bulan laporan diterima, menurut zona waktu pemda.")),
    ("opd_kode", "string", _("Kode (slug) OPD yang menangani; kosong bila belum didisposisikan.")),
    ("opd_nama", "string", _("Nama OPD yang menangani.")),
    ("kategori", "string", _("Kategori pengaduan; kosong bila belum diverifikasi.")),
    ("diterima", "integer", _("Jumlah laporan yang diterima.")),
    ("selesai", "integer", _("Jumlah yang sudah selesai ditanggapi.")),
    ("belum_selesai", "integer", _("Jumlah yang belum selesai (belum berstatus akhir).")),
    (
        "melewati_batas_waktu",
        "integer",
        _("Jumlah yang pernah melewati batas waktu penyelesaian atau verifikasi."),
    ),
    (
        "rata_hari_kerja_tindak_lanjut",
        "number|null",
        _("Rata-rata hari kerja dari diterima sampai tindak lanjut pertama."),
    ),
]
FIELD_NAMES = [name for name, _type, _desc in FIELDS]


def monthly_rows(*, year: int | None = None) -> list[dict[str, Any]]:
    """One row per month, agency and category, in one query."""
    items = Complaint.objects.all()
    if year is not None:
        items = items.filter(received_at__year=year)
    rows = (
        items.annotate(m=TruncMonth("received_at", tzinfo=timezone.get_default_timezone()))
        .order_by()
        .values("m", "opd__slug", "opd__name", "category__name")
        .annotate(
            n=Count("pk"),
            done=Count("pk", filter=Q(status=Status.SELESAI)),
            open=Count("pk", filter=~Q(status__in=list(FINAL_STATUSES))),
            late=Count("pk", filter=Q(breach_recorded())),
            avg=Avg("followup_working_days"),
        )
        .order_by("m", "opd__name", "category__name")
    )
    return [
        {
            "versi_skema": SCHEMA_VERSION,
            "bulan": f"{r['m']:%Y-%m}",
            "opd_kode": r["opd__slug"] or "",
            "opd_nama": r["opd__name"] or "",
            "kategori": r["category__name"] or "",
            "diterima": r["n"],
            "selesai": r["done"],
            "belum_selesai": r["open"],
            "melewati_batas_waktu": r["late"],
            "rata_hari_kerja_tindak_lanjut": round(r["avg"], 2) if r["avg"] is not None else None,
        }
        for r in rows
    ]


def as_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELD_NAMES, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def as_json(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "skema": SCHEMA_NAME,
        "versi_skema": SCHEMA_VERSION,
        "dibuat": timezone.now().isoformat(timespec="seconds"),
        "kolom": [{"nama": n, "tipe": t, "keterangan": str(d)} for n, t, d in FIELDS],
        "data": rows,
    }
