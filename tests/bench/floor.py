"""The framework floor for `make bench`: the portal's own settings and middleware plus one
view that does a primary-key lookup and renders a three-line template. Served only by the
bench's gunicorn (DJANGO_SETTINGS_MODULE=tests.bench.floor_settings), never by the portal."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.template.backends.django import Template
from django.urls import include, path

from standards.models import Agency


@cache
def _template() -> Template:
    return engines["django"].from_string(
        "<!doctype html>\n<title>{{ agency.name }}</title>\n<p>{{ agency.slug }}</p>\n"
    )


def floor(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    return HttpResponse(_template().render({"agency": agency}, request))


urlpatterns = [
    path("__floor__/<int:pk>/", floor),
    path("", include("config.urls")),
]
