"""Import services from a spreadsheet (XLSX, one row per service), all or nothing.

The whole file is checked before anything is written; every problem is reported with its
row and column, in Indonesian. Files that are not a plain XLSX workbook (junk, an archive
bomb, a macro-enabled workbook) are refused before openpyxl reads them.
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

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED = 40 * 1024 * 1024
MAX_ROWS = 1000
COLUMNS = ("kode_layanan", "nama_layanan", "jenis", "uraian")
HEADERS = {
    "kode_layanan": "Kode layanan",
    "nama_layanan": "Nama layanan",
    "jenis": "Jenis (barang/jasa/administratif)",
    "uraian": "Uraian singkat",
}


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def template_workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Layanan"
    ws.append([HEADERS[c] for c in COLUMNS])
    ws.append(
        [
            "DKC-KTP",
            "Penerbitan KTP elektronik",
            "administratif",
            "Perekaman dan pencetakan KTP-el.",
        ]
    )
    for col, width in zip("ABCD", (18, 40, 30, 60), strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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
    expected = [HEADERS[c].lower() for c in COLUMNS]
    if header[: len(COLUMNS)] != expected:
        result.errors.append(
            _("Baris 1: judul kolom harus %(cols)s, sesuai templat.")
            % {"cols": ", ".join(f"“{HEADERS[c]}”" for c in COLUMNS)}
        )
        return result
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
        cells = dict(zip(COLUMNS, [_text(v) for v in values[: len(COLUMNS)]], strict=False))
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
        parsed.append(
            {
                "row": number,
                "code": code,
                "name": name,
                "slug": slug,
                "kind": kind,
                "description": description,
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


@transaction.atomic
def services_import(user: Any, *, agency: Agency, upload: UploadedFile) -> ImportResult:
    """Create every service of the file, or none (the file is checked in full first)."""
    if not user_can(user, Action.MANAGE_SERVICES, agency):
        raise PermissionDenied
    result = read_services(upload, agency=agency)
    if result.errors:
        return result
    Service.objects.bulk_create(
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
    return result
