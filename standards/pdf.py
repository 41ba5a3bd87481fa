"""PDFs of an adopted standard (WeasyPrint): the full document with the pemda's kop, and the
counter poster (A4 or A3) with the delivery components, the maklumat and two QR codes.

A rendered PDF is cached under a key made of the standard's and the maklumat's identity and
last change and of what the kop and title print (the pemda's, agency's and service's names,
the agency's address, phone and e-mail), so a new version, an edit, a new maklumat or a
renamed or moved office gives a new key.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from standards.models_standard import Maklumat, ServiceStandard

POSTER_SIZES = ("a4", "a3")
CACHE_SECONDS = 60 * 60 * 24 * 30


def rating_url(service_code: str) -> str:
    """The stable rating address printed on posters (served by the reputation app)."""
    return f"{settings.SITE_URL}/nilai/{service_code}/"


def complaint_url(service_code: str) -> str:
    return (
        f"{settings.SITE_URL}{reverse('complaints:create')}?{urlencode({'layanan': service_code})}"
    )


def qr_svg(url: str) -> str:
    """A QR code as an inline SVG data URI (quiet zone kept for phone cameras)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=4)


def _cache_key(kind: str, standard: ServiceStandard, maklumat: Maklumat | None) -> str:
    service, agency = standard.service, standard.service.agency
    parts = [
        kind,
        str(standard.pk),
        standard.updated_at.isoformat(),
        str(maklumat.pk) if maklumat else "-",
        translation.get_language() or "",
        settings.SITE_URL,
        # What the kop and the title print: renaming or moving the office gives a new PDF.
        settings.PEMDA_NAME,
        agency.name,
        agency.address,
        agency.phone,
        agency.email,
        service.name,
        service.code,
    ]
    return "standards:pdf:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _context(standard: ServiceStandard, maklumat: Maklumat | None) -> dict:
    code = standard.service.code
    return {
        "standard": standard,
        "service": standard.service,
        "agency": standard.service.agency,
        "maklumat": maklumat,
        "PEMDA_NAME": settings.PEMDA_NAME,
        "SITE_URL": settings.SITE_URL,
        "rating_url": rating_url(code),
        "complaint_url": complaint_url(code),
        "rating_qr": qr_svg(rating_url(code)),
        "complaint_qr": qr_svg(complaint_url(code)),
    }


def standard_document(standard: ServiceStandard, maklumat: Maklumat | None) -> bytes:
    key = _cache_key("dokumen", standard, maklumat)
    pdf = cache.get(key)
    if pdf is None:
        pdf = _render("standards/pdf/standard.html", _context(standard, maklumat))
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def poster(standard: ServiceStandard, maklumat: Maklumat | None, size: str) -> bytes:
    if size not in POSTER_SIZES:
        raise ValueError(size)
    key = _cache_key(f"poster-{size}", standard, maklumat)
    pdf = cache.get(key)
    if pdf is None:
        context = _context(standard, maklumat) | {"size": size.upper()}
        pdf = _render("standards/pdf/poster.html", context)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
