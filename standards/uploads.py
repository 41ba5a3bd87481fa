"""Content checks for the signed Berita Acara scan: PDF, JPEG or PNG judged by its bytes.

The same rules as complaint attachments (complaints/uploads.py): images are decoded and
re-encoded (metadata and appended data dropped), PDFs must look like a PDF and carry no
markup a browser would run, 5 MB at most. standards sits below complaints, so it keeps its
own copy rather than importing upwards.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
_MARKUP = (b"<script", b"<html", b"<svg", b"<iframe", b"javascript:", b"<body")


@dataclass(frozen=True)
class CleanScan:
    content: ContentFile
    content_type: str
    extension: str


def clean_scan(upload: UploadedFile) -> CleanScan:
    name = (upload.name or "berkas")[-150:]
    too_big = _("Berkas %(name)s lebih dari %(mb)d MB.") % {"name": name, "mb": MAX_BYTES // 2**20}
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(too_big)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(too_big)
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:] or any(m in data.lower() for m in _MARKUP):
            raise ValidationError(_("Berkas %(name)s bukan PDF yang sah.") % {"name": name})
        return CleanScan(ContentFile(data), "application/pdf", "pdf")
    if data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n"):
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
                    img.convert("RGB").save(out, format="JPEG", quality=88)
                    return CleanScan(ContentFile(out.getvalue()), "image/jpeg", "jpg")
                img.convert("RGB").save(out, format="PNG")
                return CleanScan(ContentFile(out.getvalue()), "image/png", "png")
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            ValueError,
            Image.DecompressionBombError,
        ):
            raise ValidationError(
                _("Berkas %(name)s bukan gambar yang sah.") % {"name": name}
            ) from None
    raise ValidationError(
        _("Berkas %(name)s tidak diterima. Unggah pindaian PDF atau foto (JPG/PNG).")
        % {"name": name}
    )
