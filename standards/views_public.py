"""Public standard pages: version history and the PDFs (SPEC S1, S3, S4)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from standards import pdf, selectors, selectors_standard


def _adopted(agency_slug: str, slug: str):  # noqa: ANN202
    service = selectors.service_page(agency_slug=agency_slug, slug=slug)
    standard = selectors_standard.adopted_standard(service)
    if standard is None:
        raise Http404
    return service, standard


def standard_history(request: HttpRequest, agency_slug: str, slug: str) -> HttpResponse:
    service = selectors.service_page(agency_slug=agency_slug, slug=slug)
    versions = selectors_standard.public_history(service)
    if not versions:
        raise Http404
    return render(
        request,
        "standards/history.html",
        {"service": service, "rows": selectors_standard.version_changes(versions)},
    )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def standard_pdf(request: HttpRequest, agency_slug: str, slug: str) -> HttpResponse:
    service, standard = _adopted(agency_slug, slug)
    maklumat = selectors_standard.current_maklumat(service.agency)
    data = pdf.standard_document(standard, maklumat)
    return _pdf_response(data, f"standar-{service.code}-v{standard.version}.pdf")


def poster_pdf(request: HttpRequest, agency_slug: str, slug: str, size: str) -> HttpResponse:
    if size not in pdf.POSTER_SIZES:
        raise Http404
    service, standard = _adopted(agency_slug, slug)
    maklumat = selectors_standard.current_maklumat(service.agency)
    data = pdf.poster(standard, maklumat, size)
    return _pdf_response(data, f"poster-{service.code}-{size}.pdf")
