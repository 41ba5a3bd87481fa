"""Import services from a spreadsheet (XLSX, one row per service), all or nothing.

The first four columns name the service. The optional columns after them hold its standard's
delivery components (SPEC S1): a row that fills any of them gets a draft standard (SPEC S3:
rancangan), checked by the same form as the officers' edit page (StandardForm), so the cells
use the edit form's format: list items one per line in the cell (Alt+Enter), fields split by
"|"; biaya is an amount in rupiah or "gratis". The whole file is checked before anything is
written; every problem is reported with its row and column, in Indonesian. Files that are not
a plain XLSX workbook (junk, an archive bomb, a macro-enabled workbook) are refused before
openpyxl reads them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from standards.access import Action, user_can
from standards.models import Agency, Service, ServiceKind
from standards.models_standard import TimeUnit
from standards.services import Components, standard_start

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED = 40 * 1024 * 1024
MAX_ROWS = 1000
COLUMNS = ("kode_layanan", "nama_layanan", "jenis", "uraian")
# Optional, in this order after COLUMNS: the standard's delivery components (SPEC S1).
STANDARD_COLUMNS = (
    "produk",
    "persyaratan",
    "prosedur",
    "jangka_waktu",
    "satuan_waktu",
    "biaya",
    "dasar_hukum_tarif",
    "pengaduan",
)
HEADERS = {
    "kode_layanan": "Kode layanan",
    "nama_layanan": "Nama layanan",
    "jenis": "Jenis (barang/jasa/administratif)",
    "uraian": "Uraian singkat",
    "produk": "Produk pelayanan",
    "persyaratan": "Persyaratan",
    "prosedur": "Prosedur",
    "jangka_waktu": "Jangka waktu",
    "satuan_waktu": "Satuan waktu",
    "biaya": "Biaya (Rp atau gratis)",
    "dasar_hukum_tarif": "Dasar hukum tarif",
    "pengaduan": "Penanganan pengaduan",
}
# The edit form's field behind each optional column (biaya fills fee_amount or is_free).
FORM_FIELDS = {
    "produk": "produk",
    "persyaratan": "requirements",
    "prosedur": "steps",
    "jangka_waktu": "duration_value",
    "satuan_waktu": "duration_unit",
    "biaya": "fee_amount",
    "dasar_hukum_tarif": "fee_legal_basis",
    "pengaduan": "channels",
}
COLUMN_OF_FIELD = {f: c for c, f in FORM_FIELDS.items()} | {"is_free": "biaya"}
FREE_WORDS = {"gratis", "free"}  # never 0: free is said explicitly (SPEC S1)
EXAMPLE = {
    "produk": "KTP elektronik",
    "persyaratan": "Kartu Keluarga | fotokopi | 1\nSurat pengantar RT/RW | asli | 1",
    "prosedur": "Mengambil nomor antrean\nPerekaman data | Petugas rekam\nPencetakan KTP-el",
    "jangka_waktu": 1,
    "satuan_waktu": "hari kerja",
    "biaya": "gratis",
    "dasar_hukum_tarif": "",
    "pengaduan": "Portal Layanan Publik | menu Pengaduan\nSP4N-LAPOR! | lapor.go.id",
}


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    drafts: int = 0


def template_workbook() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "Layanan"
    ws.append([HEADERS[c] for c in (*COLUMNS, *STANDARD_COLUMNS)])
    ws.append(
        [
            "DKC-KTP",
            "Penerbitan KTP elektronik",
            "administratif",
            "Perekaman dan pencetakan KTP-el.",
            *(EXAMPLE[c] for c in STANDARD_COLUMNS),
        ]
    )
    widths = (18, 40, 30, 50, 30, 45, 45, 14, 16, 22, 30, 45)
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    for cell in ws[2]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide = wb.create_sheet("Petunjuk")
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 100
    for name, hint in standard_hints():
        guide.append([name, hint])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def standard_hints() -> list[tuple[str, str]]:
    units = ", ".join(str(label) for label in TimeUnit.labels)
    return [
        (_("Kolom"), _("Isi")),
        (HEADERS["kode_layanan"], _("Wajib. Huruf, angka dan tanda hubung, unik.")),
        (HEADERS["nama_layanan"], _("Wajib.")),
        (HEADERS["jenis"], _("Wajib: barang, jasa atau administratif.")),
        (HEADERS["uraian"], _("Boleh kosong.")),
        (
            _("Kolom berikutnya"),
            _(
                "Boleh kosong. Bila salah satu diisi, layanan mendapat rancangan standar "
                "pelayanan. Daftar ditulis satu butir per baris di dalam sel (Alt+Enter), "
                "bagian-bagiannya dipisah “|”, sama seperti formulir standar."
            ),
        ),
        (HEADERS["produk"], _("Hasil pelayanan yang diterima pemohon.")),
        (HEADERS["persyaratan"], _("persyaratan | asli/fotokopi/asli dan fotokopi | jumlah")),
        (HEADERS["prosedur"], _("langkah | pelaksana (boleh kosong)")),
        (HEADERS["jangka_waktu"], _("Bilangan bulat, bersama satuannya.")),
        (HEADERS["satuan_waktu"], _("Salah satu dari: %(units)s.") % {"units": units}),
        (HEADERS["biaya"], _("Jumlah rupiah (mis. 25000) atau “gratis”.")),
        (HEADERS["dasar_hukum_tarif"], _("Peraturan yang menetapkan tarif.")),
        (HEADERS["pengaduan"], _("saluran | kontak")),
    ]


def _open_workbook(upload: UploadedFile) -> Any:
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(_("Berkas lebih dari %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
    if not data.startswith(b"PK\x03\x04"):
        raise ValueError(_("Berkas bukan buku kerja XLSX. Unduh dan isi templatnya."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
                raise ValueError(_("Isi berkas terlalu besar."))
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise ValueError(_("Berkas berisi makro dan ditolak. Simpan sebagai .xlsx biasa."))
            if "xl/workbook.xml" not in names:
                raise ValueError(_("Berkas bukan buku kerja XLSX. Unduh dan isi templatnya."))
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            if b"macroEnabled" in types:
                raise ValueError(_("Berkas berisi makro dan ditolak. Simpan sebagai .xlsx biasa."))
    except zipfile.BadZipFile:
        raise ValueError(_("Berkas bukan buku kerja XLSX. Unduh dan isi templatnya.")) from None
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise ValueError(_("Berkas XLSX tidak dapat dibaca.")) from None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_services(upload: UploadedFile, *, agency: Agency) -> ImportResult:
    """Check the whole file; rows are returned only when there is no error at all."""
    result = ImportResult()
    try:
        wb = _open_workbook(upload)
    except ValueError as exc:
        result.errors.append(str(exc))
        return result
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [_text(v).lower() for v in next(rows, ())]
    while header and not header[-1]:
        header.pop()
    everything = (*COLUMNS, *STANDARD_COLUMNS)
    expected = [HEADERS[c].lower() for c in everything]
    if len(header) < len(COLUMNS) or header != expected[: len(header)]:
        result.errors.append(
            _(
                "Baris 1: judul kolom harus %(cols)s, sesuai templat; kolom standar "
                "(%(optional)s) boleh ditambahkan sesudahnya, berurutan."
            )
            % {
                "cols": ", ".join(f"“{HEADERS[c]}”" for c in COLUMNS),
                "optional": ", ".join(f"“{HEADERS[c]}”" for c in STANDARD_COLUMNS),
            }
        )
        return result
    columns = everything[: len(header)]
    kinds = set(ServiceKind.values)
    seen_codes: dict[str, int] = {}
    seen_slugs: dict[str, int] = {}
    parsed = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            result.errors.append(
                _("Paling banyak %(n)d baris layanan per berkas.") % {"n": MAX_ROWS}
            )
            break
        cells = dict(zip(columns, [_text(v) for v in values[: len(columns)]], strict=False))
        if not any(cells.values()):
            continue
        code, name = cells.get("kode_layanan", ""), cells.get("nama_layanan", "")
        kind, description = cells.get("jenis", "").lower(), cells.get("uraian", "")

        def err(col: str, msg: str, number: int = number) -> None:
            result.errors.append(
                _("Baris %(row)d, kolom “%(col)s”: %(msg)s")
                % {"row": number, "col": HEADERS[col], "msg": msg}
            )

        slug_code = slugify(code).upper()
        if not code:
            err("kode_layanan", _("wajib diisi."))
        elif slugify(code) != code.lower() or len(code) > 40:
            err("kode_layanan", _("hanya huruf, angka dan tanda hubung, paling panjang 40."))
        elif slug_code in seen_codes:
            err("kode_layanan", _("sama dengan baris %(row)d.") % {"row": seen_codes[slug_code]})
        else:
            seen_codes[slug_code] = number
        slug = slugify(name)[:120]
        if not name or not slug:
            err("nama_layanan", _("wajib diisi."))
        elif len(name) > 200:
            err("nama_layanan", _("paling panjang 200 karakter."))
        elif slug in seen_slugs:
            err("nama_layanan", _("sama dengan baris %(row)d.") % {"row": seen_slugs[slug]})
        else:
            seen_slugs[slug] = number
        if kind not in kinds:
            err("jenis", _("isi salah satu dari barang, jasa atau administratif."))
        if len(description) > 1000:
            err("uraian", _("paling panjang 1000 karakter."))
        components, problems = _components(cells)
        for column, message in problems:
            err(column, message)
        parsed.append(
            {
                "row": number,
                "code": code,
                "name": name,
                "slug": slug,
                "kind": kind,
                "description": description,
                "components": components,
            }
        )
    wb.close()
    if not parsed and not result.errors:
        result.errors.append(_("Berkas tidak berisi satu pun baris layanan."))
    taken_codes = set(
        Service.objects.filter(code__in=[p["code"] for p in parsed]).values_list("code", flat=True)
    )
    taken_slugs = set(
        Service.objects.filter(agency=agency, slug__in=[p["slug"] for p in parsed]).values_list(
            "slug", flat=True
        )
    )
    for p in parsed:
        if p["code"] in taken_codes:
            result.errors.append(
                _("Baris %(row)d, kolom “%(col)s”: kode sudah dipakai layanan lain.")
                % {"row": p["row"], "col": HEADERS["kode_layanan"]}
            )
        if p["slug"] in taken_slugs:
            result.errors.append(
                _("Baris %(row)d, kolom “%(col)s”: layanan dengan nama ini sudah ada.")
                % {"row": p["row"], "col": HEADERS["nama_layanan"]}
            )
    if not result.errors:
        result.rows = parsed
    return result


def _components(cells: dict[str, str]) -> tuple[Components | None, list[tuple[str, str]]]:
    """The row's standard components checked by the edit form (the same rules), or None when
    the row fills no standard column; problems as (column, message)."""
    if not any(cells.get(c) for c in STANDARD_COLUMNS):
        return None, []
    from standards.forms import StandardForm

    data = {FORM_FIELDS[c]: cells.get(c, "") for c in STANDARD_COLUMNS}
    fee = data["fee_amount"].lower()
    if fee in FREE_WORDS:
        data["fee_amount"], data["is_free"] = "", "on"
    units = {str(label).lower(): value for value, label in TimeUnit.choices}
    data["duration_unit"] = units.get(data["duration_unit"].lower(), data["duration_unit"])
    form = StandardForm(data=data)
    if form.is_valid():
        return form.components(), []
    problems = []
    for name, messages in form.errors.items():
        column = COLUMN_OF_FIELD.get(name, "produk")
        problems += [(column, str(message)) for message in messages]
    return None, problems


@transaction.atomic
def services_import(user: Any, *, agency: Agency, upload: UploadedFile) -> ImportResult:
    """Create every service of the file, or none (the file is checked in full first)."""
    if not user_can(user, Action.MANAGE_SERVICES, agency):
        raise PermissionDenied
    result = read_services(upload, agency=agency)
    if result.errors:
        return result
    services = Service.objects.bulk_create(
        Service(
            agency=agency,
            code=p["code"],
            name=p["name"],
            slug=p["slug"],
            kind=p["kind"],
            description=p["description"],
        )
        for p in result.rows
    )
    for service, p in zip(services, result.rows, strict=True):
        if p["components"] is not None:
            standard_start(user, service=service, components=p["components"])
            result.drafts += 1
    return result
