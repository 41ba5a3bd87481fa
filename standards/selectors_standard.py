"""Reads for the standard pages and sections; each costs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from standards.models import Agency, Service
from standards.models_standard import (
    BeritaAcara,
    Maklumat,
    ServiceStandard,
    StandardStatus,
)


def _status_of(status: str) -> Subquery:
    return Subquery(
        ServiceStandard.objects.filter(service=OuterRef("pk"), status=status).values("pk")[:1]
    )


def with_standard_status(services: QuerySet[Service]) -> QuerySet[Service]:
    """Services annotated with the pk of their adopted standard and of their open draft."""
    return services.annotate(
        adopted_pk=_status_of(StandardStatus.DITETAPKAN),
        draft_pk=Subquery(
            ServiceStandard.objects.filter(
                service=OuterRef("pk"),
                status__in=[StandardStatus.RANCANGAN, StandardStatus.PEMBAHASAN],
            ).values("pk")[:1]
        ),
        draft_status=Subquery(
            ServiceStandard.objects.filter(
                service=OuterRef("pk"),
                status__in=[StandardStatus.RANCANGAN, StandardStatus.PEMBAHASAN],
            ).values("status")[:1]
        ),
    )


def officer_services(q: Q) -> QuerySet[Service]:
    return with_standard_status(
        Service.objects.filter(is_active=True, agency__in=Agency.objects.filter(q).values("pk"))
        .select_related("agency")
        .order_by("agency__name", "name")
    )


def current_maklumat(agency: Agency) -> Maklumat | None:
    return Maklumat.objects.filter(agency=agency).order_by("-version").first()


def adopted_standard(service: Service) -> ServiceStandard | None:
    return (
        ServiceStandard.objects.adopted()
        .filter(service=service)
        .prefetch_related("requirements", "steps", "channels", "legal_bases")
        .first()
    )


def public_history(service: Service) -> list[ServiceStandard]:
    """Adopted versions, newest first, with what each changed in the delivery components."""
    return list(
        ServiceStandard.objects.public()
        .filter(service=service)
        .prefetch_related("requirements", "steps", "channels")
        .order_by("-version")
    )


def discussions_of(standard: ServiceStandard) -> list[BeritaAcara]:
    return list(standard.discussions.prefetch_related("participants"))


def version_changes(versions: list[ServiceStandard]) -> list[dict[str, Any]]:
    """Each version beside the one before it, component by component (SPEC S4)."""
    from standards.models_standard import DELIVERY_LABELS

    rows = []
    ordered = sorted(versions, key=lambda v: v.version)
    previous: dict[str, str] | None = None
    for version in ordered:
        now = version.delivery_components()
        changes = []
        for key, label in DELIVERY_LABELS.items():
            before = previous.get(key, "") if previous is not None else ""
            if previous is None or before != now[key]:
                changes.append({"label": label, "before": before, "after": now[key]})
        rows.append({"version": version, "changes": changes, "first": previous is None})
        previous = now
    return list(reversed(rows))
