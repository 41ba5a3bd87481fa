"""Public pages of the directory: home, agencies, services (003:Pasal 28)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from standards.models import Agency, Service


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "standards/home.html")


def agency_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    agencies = Agency.objects.active().opds().search(q).select_related("parent")
    return render(request, "standards/agency_list.html", {"agencies": agencies, "q": q})


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.active(), slug=slug)
    return render(request, "standards/agency_detail.html", {"agency": agency})


def service_detail(request: HttpRequest, agency_slug: str, slug: str) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.active().select_related("agency"), agency__slug=agency_slug, slug=slug
    )
    return render(request, "standards/service_detail.html", {"service": service})
