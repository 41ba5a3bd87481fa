"""A URL map where some app serves the officer dashboard at /dasbor/."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tests.accounts.urls_without_dashboard import urlpatterns as base


def _dashboard(request: HttpRequest) -> HttpResponse:
    return HttpResponse("dasbor")


urlpatterns = [path("dasbor/", _dashboard), *base]
