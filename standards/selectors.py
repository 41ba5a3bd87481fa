"""Reads for the public directory pages, each with the joins its page needs.

Every selector returns a queryset (or an object) whose page costs a fixed number of queries,
whatever the number of agencies, services, officers or units (STYLE.md 2, 13).
"""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from standards.models import Agency, AgencyKind, PublicOfficer, Service, Tier

# Kinds an OPD can have: the directory filter offers only these, in the order of AgencyKind.
OPD_KINDS: list[tuple[str, str]] = [
    (value, label)
    for value, label in AgencyKind.choices
    if value not in {AgencyKind.NASIONAL, AgencyKind.PEMDA, AgencyKind.UNIT}
]

_KIND_ORDER = Case(
    *(When(kind=value, then=Value(i)) for i, (value, _label) in enumerate(AgencyKind.choices)),
    default=Value(len(AgencyKind.choices)),
    output_field=IntegerField(),
)


def _active_services() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True)


def directory_agencies(*, q: str = "", kind: str = "") -> QuerySet[Agency]:
    """Active OPDs, optionally matched by name, short name or the name of an active service.

    A service offered by one of the OPD's units counts as the OPD's. Matching goes through
    subqueries, not joins, so the service count below is never multiplied by the search.
    """
    agencies = Agency.objects.active().opds()
    if kind:
        agencies = agencies.filter(kind=kind)
    q = q.strip()
    if q:
        owners = _active_services().filter(name__icontains=q).values("agency_id")
        unit_parents = Agency.objects.filter(pk__in=owners, tier=Tier.UNIT, is_active=True).values(
            "parent_id"
        )
        agencies = agencies.filter(
            Q(name__icontains=q)
            | Q(short_name__icontains=q)
            | Q(pk__in=owners)
            | Q(pk__in=unit_parents)
        )
    return agencies.annotate(
        active_services=Count("services", filter=Q(services__is_active=True)),
        kind_order=_KIND_ORDER,
    ).order_by("kind_order", "name")


def agency_profile(*, slug: str) -> Agency:
    """An active agency with its officers, active services and active units prefetched.

    Raises Http404 when the agency is unknown or inactive, or sits under an inactive parent.
    """
    agency = (
        Agency.objects.active()
        .select_related("parent")
        .prefetch_related(
            Prefetch("officers", queryset=PublicOfficer.objects.order_by("order", "name")),
            Prefetch("services", queryset=_active_services().order_by("name")),
            Prefetch(
                "children",
                queryset=Agency.objects.active().order_by("name"),
                to_attr="active_children",
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if agency is None or (agency.parent is not None and not agency.parent.is_active):
        raise Http404
    return agency


def service_page(*, agency_slug: str, slug: str) -> Service:
    """An active service of an active agency, with its agency; Http404 otherwise."""
    service = (
        Service.objects.active()
        .select_related("agency", "agency__parent")
        .filter(agency__slug=agency_slug, slug=slug)
        .first()
    )
    if service is None:
        raise Http404
    parent = service.agency.parent
    if parent is not None and not parent.is_active:
        raise Http404
    return service
