"""Who receives an item at an agency: no disposition to a desk nobody sits at (SPEC C6, C12).

An agency can receive an item when an active user holds there the role of the tier it would
hold the item at (an Admin Instansi at a pemda, a Pejabat Penghubung at an OPD, an Admin UPP
at a unit). The routing forms mark the agencies without one and the services refuse them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Membership, Role
from standards.models import Agency, AgencyKind, Tier


def receiving_role(agency: Agency) -> str:
    """The role that receives items held at this agency."""
    if agency.kind == AgencyKind.NASIONAL:
        return Role.ADMIN_NASIONAL
    if agency.tier == Tier.INSTANSI:
        return Role.ADMIN_INSTANSI
    if agency.tier == Tier.OPD:
        return Role.PENGHUBUNG
    return Role.ADMIN_UPP


def _receivers(role: str) -> Exists:
    return Exists(Membership.objects.active().filter(agency=OuterRef("pk"), role=role).values("pk"))


def with_receiver(agencies: QuerySet[Agency], role: str) -> QuerySet[Agency]:
    """Annotate `has_receiver` on agencies that would hold the item with `role` (one query)."""
    return agencies.annotate(has_receiver=_receivers(role))


def has_receiver(agency: Agency) -> bool:
    """Does an active official of the receiving role sit at this agency?"""
    return (
        Membership.objects.active()
        .filter(agency=agency, role=receiving_role(agency), agency__is_active=True)
        .exists()
    )
