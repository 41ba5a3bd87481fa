"""Response headers Django's own settings do not cover (the CSP, HSTS, Referrer-Policy,
nosniff and X-Frame-Options are SecurityMiddleware's and the CSP middleware's settings)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PermissionsPolicyMiddleware:
    """Permissions-Policy: the browser features no page uses are switched off for the page
    and anything it embeds; geolocation only for this origin (the location button)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
