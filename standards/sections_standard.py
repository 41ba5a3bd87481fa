"""The standard and maklumat sections of the public agency and service pages, and the
compliance panel of the official's home (standards/sections.py registries)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from standards import compliance, selectors_standard
from standards.models import Agency, Service
from standards.sections import Section, agency_page, dashboard_page, service_page
from standards.workflow import is_agency_officer, officer_agencies_q


def service_standard_context(request: HttpRequest, service: Service) -> dict[str, Any]:
    standard = selectors_standard.adopted_standard(service)
    return {
        "service": service,
        "standard": standard,
        "maklumat": selectors_standard.current_maklumat(service.agency),
        "show_internal": standard is not None and is_agency_officer(request.user, service.agency),
    }


def agency_standard_context(request: HttpRequest, agency: Agency) -> dict[str, Any]:
    services = selectors_standard.with_standard_status(
        Service.objects.filter(agency=agency, is_active=True)
        .select_related("agency")
        .order_by("name")
    )
    return {"agency": agency, "services": services}


def agency_maklumat_context(request: HttpRequest, agency: Agency) -> dict[str, Any]:
    return {"agency": agency, "maklumat": selectors_standard.current_maklumat(agency)}


def compliance_panel(request: HttpRequest, user: Any) -> dict[str, Any] | None:
    """The Sekda and each Kepala see the counts; other standard officers see the way in."""
    scope = compliance.scope_for(user)
    if scope is None:
        return {"totals": None} if officer_agencies_q(user) is not None else None
    return {"totals": compliance.totals(compliance.agency_rows(scope))}


def register() -> None:
    service_page.register(
        Section(
            "standar",
            _("Standar pelayanan"),
            "standards/sections/service_standard.html",
            service_standard_context,
            10,
        )
    )
    agency_page.register(
        Section(
            "standar",
            _("Standar pelayanan"),
            "standards/sections/agency_standard.html",
            agency_standard_context,
            10,
        )
    )
    agency_page.register(
        Section(
            "maklumat",
            _("Maklumat pelayanan"),
            "standards/sections/agency_maklumat.html",
            agency_maklumat_context,
            20,
        )
    )
    dashboard_page.register(
        Section(
            "kepatuhan-standar",
            _("Kepatuhan standar pelayanan"),
            "standards/sections/compliance_panel.html",
            compliance_panel,
            50,
        )
    )
