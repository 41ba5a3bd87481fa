"""The complaints parts of other apps' pages (standards/sections.py registries).

The agency profile (standards) shows how to complain to the agency: its complaint officers,
the links to file and to track, and where its statistics are. It sits among the profile's own
parts, before the list of units: templates/standards/agency_detail.html renders sections
whose `order` is below 10 there, and the rest (standards, SKM, reputation) after the units.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from standards.models import Agency
from standards.sections import Section, agency_page


def agency_context(request: HttpRequest, agency: Agency) -> dict[str, Any]:
    """The agency's complaint officers: no query (the profile prefetched its officers)."""
    return {
        "agency": agency,
        "complaint_officers": [o for o in agency.officers.all() if o.handles_complaints],
    }


def register() -> None:
    agency_page.register(
        Section(
            key="pengaduan",
            title=_("Penanganan pengaduan"),
            template="complaints/sections/agency_complaints.html",
            context=agency_context,
            order=5,
        )
    )
