"""Upload checks every app uses (complaint attachments, Berita Acara scans): content-sniffed,
size-limited, image metadata stripped. They live at the bottom of the house so that no app
keeps its own copy.

Only JPEG, PNG and PDF are accepted, judged by their bytes, never by the name or the browser's
content type. Images are decoded and re-encoded, which drops EXIF (GPS position, camera
serial) and anything appended to the file; PDFs must start and end like a PDF and may not
carry markup a browser would run; their document metadata (author, creator, title, XMP) is
removed by `standards.pdfmeta` (SPEC C3, C4), and a PDF whose metadata cannot be read is
refused. Files are served later only through a permission-checked
view, as attachments with `nosniff`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from standards.pdfmeta import PdfMetadataError, strip_pdf_metadata

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
_MARKUP = (b"<script", b"<html", b"<svg", b"<iframe", b"javascript:", b"<body")


@dataclass(frozen=True)
class CleanFile:
    content: ContentFile
    content_type: str
    original_name: str
    size: int


def _clean_image(data: bytes, name: str) -> CleanFile:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("Gambar %(name)s terlalu besar.") % {"name": name})
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img = ImageOps.exif_transpose(img)
            out = io.BytesIO()
            if fmt == "JPEG":
                img.convert("RGB").save(out, format="JPEG", quality=88, optimize=True)
                ctype = "image/jpeg"
            else:
                mode = "RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB"
                img.convert(mode).save(out, format="PNG", optimize=True)
                ctype = "image/png"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Berkas %(name)s bukan gambar yang sah.") % {"name": name}
        ) from None
    payload = out.getvalue()
    return CleanFile(ContentFile(payload), ctype, name, len(payload))


def _clean_pdf(data: bytes, name: str) -> CleanFile:
    tail = data[-2048:]
    lowered = data.lower()
    if b"%%EOF" not in tail or any(marker in lowered for marker in _MARKUP):
        raise ValidationError(_("Berkas %(name)s bukan PDF yang sah.") % {"name": name})
    try:
        data = strip_pdf_metadata(data)
    except PdfMetadataError:
        raise ValidationError(
            _(
                "Data pembuat (metadata) pada PDF %(name)s tidak dapat dihapus, misalnya karena "
                "PDF terkunci. Simpan ulang sebagai PDF biasa atau lampirkan foto halamannya."
            )
            % {"name": name}
        ) from None
    return CleanFile(ContentFile(data), "application/pdf", name, len(data))


def clean_upload(upload: UploadedFile, *, refused: str = "") -> CleanFile:
    """Check one uploaded file; raise ValidationError with a message naming it. `refused` is
    the page's own sentence for a file of another type (with %(name)s)."""
    name = (upload.name or "lampiran")[-150:]
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("Berkas %(name)s lebih dari %(mb)d MB.") % {"name": name, "mb": MAX_BYTES // 2**20}
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Berkas %(name)s lebih dari %(mb)d MB.") % {"name": name, "mb": MAX_BYTES // 2**20}
        )
    if data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _clean_image(data, name)
    if data.startswith(b"%PDF-"):
        return _clean_pdf(data, name)
    refused = refused or _("Berkas %(name)s tidak diterima. Lampirkan foto (JPG/PNG) atau PDF.")
    raise ValidationError(refused % {"name": name})


@dataclass(frozen=True)
class CleanScan:
    content: ContentFile
    content_type: str
    extension: str


EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def clean_scan(upload: UploadedFile) -> CleanScan:
    """A signed scan (Berita Acara): the same checks as any upload."""
    clean = clean_upload(
        upload,
        refused=_("Berkas %(name)s tidak diterima. Unggah pindaian PDF atau foto (JPG/PNG)."),
    )
    return CleanScan(clean.content, clean.content_type, EXTENSIONS[clean.content_type])
