"""A URL map where some app serves the officer dashboard at /dasbor/ under the name of
settings.DASHBOARD_URL."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tests.accounts.urls_without_dashboard import urlpatterns as base


def _dashboard(request: HttpRequest) -> HttpResponse:
    return HttpResponse("dasbor")


urlpatterns = [
    path("", include(([path("dasbor/", _dashboard, name="inbox")], "complaints"))),
    *base,
]
