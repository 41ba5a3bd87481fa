"""The compliance view (SPEC S5, S6): per OPD, services without an adopted standard, whether
a maklumat exists, drafts older than N months, and the services past the 12-month deadline of
003:Pasal 45. One query for all the rows, one for a listing.

The deadline is per service: 12 months after the later of the regulation's effective date
(`STANDARD_DEADLINE_FROM`, 003:Pasal 45(1)a) and the day the service was added to the portal
(`Service.created_at`; 003:Pasal 45(2) counts a provider formed later from its formation)."""

from __future__ import annotations

import calendar
import datetime
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Subquery, Value
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
    "layanan": ("-service_count", "name"),
    "tanpa-standar": ("-without_standard", "name"),
    "rancangan-lama": ("-old_drafts", "name"),
    "maklumat": ("has_maklumat", "name"),
    "lewat-tenggat": ("-past_deadline", "name"),
}
# The Peraturan Bupati (003, Nomor 24 Tahun 2018) took effect when it was promulgated, on
# 3 January 2018 (003:Pasal 47); a deployment sets its own regulation's date in settings.
DEFAULT_DEADLINE_FROM = date(2018, 1, 3)
LISTS = ("layanan", "tanpa-standar", "rancangan-lama", "tanpa-maklumat", "lewat-tenggat")


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


def _old_draft_cutoff() -> Any:
    return timezone.now() - timedelta(days=30 * OLD_DRAFT_MONTHS)


def regulation_date() -> date:
    return getattr(settings, "STANDARD_DEADLINE_FROM", DEFAULT_DEADLINE_FROM)


def deadline_of(service: Service) -> date:
    """The day by which the service must have an adopted standard (003:Pasal 45)."""
    added = timezone.localdate(service.created_at)
    return add_months(max(added, regulation_date()), DEADLINE_MONTHS)


def _deadline_cutoff() -> datetime.datetime | None:
    """Services added before this moment are past their deadline today; None while the
    regulation's own 12 months run. A deadline day itself is still in time."""
    cutoff = add_months(timezone.localdate(), -DEADLINE_MONTHS)
    if regulation_date() >= cutoff:
        return None
    return datetime.datetime.combine(
        cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def _past_deadline(services: QuerySet[Service]) -> QuerySet[Service]:
    """Of these services, those still without an adopted standard after their deadline."""
    cutoff = _deadline_cutoff()
    if cutoff is None:
        return services.none()
    return services.exclude(standards__status=StandardStatus.DITETAPKAN).filter(
        created_at__lt=cutoff
    )


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
    without = services.exclude(Exists(adopted))
    cutoff = _deadline_cutoff()
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
            without_standard=_count(without),
            past_deadline=(_count(without.filter(created_at__lt=cutoff)) if cutoff else Value(0)),
            old_drafts=_count(old),
            has_maklumat=Exists(Maklumat.objects.filter(agency=OuterRef("pk"))),
        )
        .order_by(*SORTS.get(sort, SORTS["nama"]))
    )


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); the 29th-31st fall back to the month's end."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def totals(rows: Any) -> dict[str, int]:
    rows = list(rows)
    return {
        "agencies": len(rows),
        "services": sum(r.service_count for r in rows),
        "without_standard": sum(r.without_standard for r in rows),
        "old_drafts": sum(r.old_drafts for r in rows),
        "without_maklumat": sum(1 for r in rows if not r.has_maklumat),
        "past_deadline": sum(r.past_deadline for r in rows),
        "agencies_past_deadline": sum(1 for r in rows if r.past_deadline),
    }


def listing(scope: Q, kind: str, agency_id: str) -> dict[str, Any] | None:
    """The services, drafts or OPDs behind one count (one query); None for an unknown list."""
    agencies = Agency.objects.filter(scope).active().filter(tier=Tier.OPD)
    if agency_id.isdigit() and len(agency_id) < 18:
        agencies = agencies.filter(pk=int(agency_id))
    ids = agencies.values("pk")
    in_scope = Q(agency__in=ids) | Q(agency__parent__in=ids)
    services = Service.objects.filter(in_scope, is_active=True).select_related("agency")
    if kind == "layanan":
        return {"kind": kind, "services": services.order_by("agency__name", "name")}
    if kind == "tanpa-standar":
        items = services.exclude(standards__status=StandardStatus.DITETAPKAN)
        return {"kind": kind, "services": items.order_by("agency__name", "name")}
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
        items = list(_past_deadline(services).order_by("created_at", "agency__name", "name"))
        for item in items:
            item.deadline = deadline_of(item)
        return {"kind": kind, "services": items}
    return None
