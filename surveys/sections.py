"""Context functions of the sections this app adds to other apps' pages (standards.sections)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from standards.models import Agency, Service
from surveys import selectors


def service_section(request: HttpRequest, service: Service) -> dict[str, Any]:
    return selectors.service_summary(service)


def agency_section(request: HttpRequest, agency: Agency) -> dict[str, Any]:
    return selectors.agency_summary(agency)


def obligations_panel(request: HttpRequest, user: Any) -> dict[str, Any] | None:
    return selectors.obligations(user)
