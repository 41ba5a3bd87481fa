"""A URL map with no officer dashboard, as before any app serves /dasbor/."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def _home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("beranda")


urlpatterns = [
    path("", _home, name="home"),
    path("akun/", include("accounts.urls")),
]
