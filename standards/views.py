"""Public pages of the directory: home, agencies, services (003:Pasal 28)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from standards import selectors
from standards.forms import DirectorySearchForm
from standards.sections import agency_page, service_page

DIRECTORY_PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "standards/home.html", {"search_form": DirectorySearchForm(with_kinds=False)}
    )


def agency_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    status = 200
    try:
        ProhibitNullCharactersValidator()(q)
    except ValidationError as exc:
        # No name can contain NUL (PostgreSQL text cannot hold it): say so, list everything.
        messages.error(request, exc.messages[0])
        q, status = "", 400
    kind = request.GET.get("jenis", "")
    kinds = dict(selectors.OPD_KINDS)
    if kind not in kinds:
        kind = ""
    agencies = selectors.directory_agencies(q=q, kind=kind)
    page = Paginator(agencies, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("halaman"))
    filters = {k: v for k, v in (("q", q), ("jenis", kind)) if v}
    return render(
        request,
        "standards/agency_list.html",
        {
            "page": page,
            "agencies": page.object_list,
            "q": q,
            "kind": kind,
            "kind_label": kinds.get(kind, ""),
            "search_form": DirectorySearchForm(initial={"q": q, "jenis": kind}),
            "filter_query": urlencode(filters),
        },
        status=status,
    )


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency = selectors.agency_profile(slug=slug)
    officers = list(agency.officers.all())
    return render(
        request,
        "standards/agency_detail.html",
        {
            "agency": agency,
            "officers": officers,
            "complaint_officers": [o for o in officers if o.handles_complaints],
            "services": agency.services.all(),
            "units": agency.active_children,
            "sections": agency_page.render(request, agency),
        },
    )


def service_detail(request: HttpRequest, agency_slug: str, slug: str) -> HttpResponse:
    service = selectors.service_page(agency_slug=agency_slug, slug=slug)
    return render(
        request,
        "standards/service_detail.html",
        {"service": service, "sections": service_page.render(request, service)},
    )
