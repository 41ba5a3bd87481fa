"""The compliance view (SPEC S5, S6): per OPD, services without an adopted standard, whether
a maklumat exists, drafts older than N months, and whether the 12-month deadline of
003:Pasal 45 has passed. One query for all the rows, one for a listing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from standards.access import Action, Role, agencies_where, memberships_of
from standards.models import Agency, Service, Tier
from standards.models_standard import Maklumat, ServiceStandard, StandardStatus

# 003:Pasal 45: providers have 12 months to make their standards.
DEADLINE_MONTHS = 12
OLD_DRAFT_MONTHS = getattr(settings, "STANDARD_OLD_DRAFT_MONTHS", 6)
SORTS = {
    "nama": ("name",),
    "tanpa-standar": ("-without_standard", "name"),
    "rancangan-lama": ("-old_drafts", "name"),
}
# When the counting starts: the Peraturan Bupati (003, Nomor 24 Tahun 2018) took effect in
# 2018; a deployment sets the exact date (or a later one for a newer regulation) in settings.
DEFAULT_DEADLINE_FROM = date(2018, 1, 1)
LISTS = ("tanpa-standar", "rancangan-lama", "tanpa-maklumat", "lewat-tenggat")


def scope_for(user: Any) -> Q | None:
    """Agencies whose compliance the user sees: the Sekda (VIEW_CITYWIDE) the whole pemda,
    a Kepala OPD their own agency."""
    parts = [agencies_where(user, Action.VIEW_CITYWIDE)]
    kepala = [m.agency.path for m in memberships_of(user) if m.role == Role.KEPALA]
    parts += [Q(path__startswith=p) for p in kepala]
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def _deadline_start() -> Any:
    return timezone.now() - timedelta(days=365 * DEADLINE_MONTHS // 12)


def _old_draft_cutoff() -> Any:
    return timezone.now() - timedelta(days=30 * OLD_DRAFT_MONTHS)


def _opd_services(agency_ref: Any) -> Q:
    """Services of the OPD or one of its units."""
    return Q(agency_id=agency_ref) | Q(agency__parent_id=agency_ref)


def _count(queryset: QuerySet) -> Coalesce:
    """COUNT(*) of a correlated subquery, 0 when empty."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def agency_rows(scope: Q, *, sort: str = "nama") -> QuerySet[Agency]:
    """Active OPDs in scope; their units' services count as the OPD's."""
    own = Q(agency_id=OuterRef("pk")) | Q(agency__parent_id=OuterRef("pk"))
    adopted = ServiceStandard.objects.filter(
        service=OuterRef("pk"), status=StandardStatus.DITETAPKAN
    )
    services = Service.objects.filter(own, is_active=True)
    old = ServiceStandard.objects.filter(
        Q(service__agency_id=OuterRef("pk")) | Q(service__agency__parent_id=OuterRef("pk")),
        status__in=[StandardStatus.RANCANGAN, StandardStatus.PEMBAHASAN],
        created_at__lt=_old_draft_cutoff(),
    )
    return (
        Agency.objects.filter(scope)
        .active()
        .filter(tier=Tier.OPD)
        .annotate(
            service_count=_count(services),
            without_standard=_count(services.exclude(Exists(adopted))),
            old_drafts=_count(old),
            has_maklumat=Exists(Maklumat.objects.filter(agency=OuterRef("pk"))),
        )
        .order_by(*SORTS.get(sort, SORTS["nama"]))
    )


def past_deadline(row: Agency) -> bool:
    """Services still without an adopted standard more than 12 months after the portal
    started counting for the agency (003:Pasal 45)."""
    started = getattr(settings, "STANDARD_DEADLINE_FROM", DEFAULT_DEADLINE_FROM)
    return row.without_standard > 0 and timezone.localdate() > _add_months(started, DEADLINE_MONTHS)


def _add_months(day: Any, months: int) -> Any:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1, day=min(day.day, 28))


def totals(rows: Any) -> dict[str, int]:
    rows = list(rows)
    return {
        "agencies": len(rows),
        "without_standard": sum(r.without_standard for r in rows),
        "old_drafts": sum(r.old_drafts for r in rows),
        "without_maklumat": sum(1 for r in rows if not r.has_maklumat),
        "past_deadline": sum(1 for r in rows if past_deadline(r)),
    }


def listing(scope: Q, kind: str, agency_id: str) -> dict[str, Any] | None:
    agencies = Agency.objects.filter(scope).active().filter(tier=Tier.OPD)
    if agency_id.isdigit():
        agencies = agencies.filter(pk=int(agency_id))
    ids = agencies.values("pk")
    in_scope = Q(agency__in=ids) | Q(agency__parent__in=ids)
    if kind == "tanpa-standar":
        items = (
            Service.objects.filter(in_scope, is_active=True)
            .exclude(standards__status=StandardStatus.DITETAPKAN)
            .select_related("agency")
            .order_by("agency__name", "name")
        )
        return {"kind": kind, "services": items}
    if kind == "rancangan-lama":
        items = (
            ServiceStandard.objects.open()
            .filter(service__in=Service.objects.filter(in_scope).values("pk"))
            .filter(created_at__lt=_old_draft_cutoff())
            .select_related("service__agency")
            .order_by("created_at")
        )
        return {"kind": kind, "drafts": items}
    if kind == "tanpa-maklumat":
        return {"kind": kind, "agencies": agencies.exclude(maklumat__isnull=False).order_by("name")}
    if kind == "lewat-tenggat":
        rows = [r for r in agency_rows(scope) if past_deadline(r)]
        return {"kind": kind, "agencies": rows}
    return None
