"""Load the demo directory: agencies (parents first), their public officers and services.

Idempotent: agencies are matched by slug, officers by agency and position, services by code.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils.text import slugify

from demo.directory import AGENCIES
from demo.directory.officers import OFFICER_NAMES, officers_of
from demo.upsert import upsert
from standards.models import Agency, PublicOfficer, Service
from standards.services import agency_move

# The directory's services are ones the pemda has run for years: in the portal since this
# day, so the compliance view shows which are past the 12-month deadline of 003:Pasal 45.
SERVICES_SINCE = datetime.datetime(2020, 1, 2, 8, tzinfo=datetime.UTC)


def load_directory(stats: Counter) -> dict[str, Agency]:
    """Create or update every demo agency, officer and service; returns agencies by slug."""
    agencies: dict[str, Agency] = {}
    names = iter(OFFICER_NAMES)
    for row in AGENCIES:
        parent = agencies[row.parent] if row.parent else None
        existing = Agency.objects.filter(slug=row.slug).first()
        if existing is not None and existing.parent_id != (parent.pk if parent else None):
            agency_move(actor=None, agency=existing, new_parent=parent)
            stats["updated"] += 1
        agency = upsert(
            Agency,
            {"slug": row.slug},
            {
                "parent": parent,
                "kind": row.kind,
                "name": row.name,
                "short_name": row.short_name,
                "is_active": True,
                "motto": row.motto,
                "visi": row.visi,
                "misi": "\n".join(row.misi),
                "address": row.address,
                "phone": row.phone,
                "email": row.email_address,
                "website": row.website_url,
                "opening_hours": row.opening_hours if row.kind != "unit" else "",
            },
            stats,
        )
        agencies[row.slug] = agency
        for order, (position, handles) in enumerate(officers_of(row)):
            upsert(
                PublicOfficer,
                {"agency": agency, "position": position},
                {"name": next(names), "handles_complaints": handles, "order": order},
                stats,
            )
        for code, name, kind, description in row.services:
            upsert(
                Service,
                {"code": code},
                {
                    "agency": agency,
                    "name": name,
                    "slug": slugify(name)[:120],
                    "kind": kind,
                    "description": description,
                    "is_active": True,
                    "created_at": SERVICES_SINCE,
                },
                stats,
            )
    return agencies
