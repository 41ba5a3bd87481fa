"""Reads for the reputation pages; each costs a fixed number of queries whatever the data size.

Scores come from the per-day counters (RatingDay), grouped in SQL over their indexes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from accounts.permissions import Action, agencies_where
from reputation.models import KioskToken, Rating, RatingDay
from reputation.scoring import Score
from standards.models import Agency, Service

SUMS = {
    "total": Sum("total"),
    "satisfied": Sum("satisfied"),
    "stars_sum": Sum("stars_sum"),
    "stars_count": Sum("stars_count"),
}

PERIODS: dict[str, int | None] = {"30": 30, "90": 90, "365": 365, "semua": None}
DEFAULT_PERIOD = "90"


def today() -> datetime.date:
    return timezone.localdate()


def since_for(period: str) -> datetime.date | None:
    days = PERIODS.get(period)
    return None if days is None else today() - datetime.timedelta(days=days - 1)


def _days(since: datetime.date | None = None) -> QuerySet[RatingDay]:
    qs = RatingDay.objects.all()
    return qs if since is None else qs.filter(day__gte=since)


def score_of(qs: QuerySet[RatingDay]) -> Score:
    return Score.of(qs.aggregate(**SUMS))


def service_score(service: Service, since: datetime.date | None = None) -> Score:
    return score_of(_days(since).filter(service=service))


def agency_days(agency: Agency) -> QuerySet[RatingDay]:
    """Counters of every service of the agency and of the units below it."""
    return RatingDay.objects.filter(service__agency__path__startswith=agency.path)


@dataclass(frozen=True)
class MonthPoint:
    month: datetime.date
    score: Score


def monthly_trend(qs: QuerySet[RatingDay], months: int = 12) -> list[MonthPoint]:
    """The last `months` calendar months (empty months included), oldest first; one query."""
    first = today().replace(day=1)
    starts = [first]
    for _ in range(months - 1):
        starts.append((starts[-1] - datetime.timedelta(days=1)).replace(day=1))
    starts.reverse()
    rows = (
        qs.filter(day__gte=starts[0])
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(**SUMS)
        .order_by("month")
    )
    by_month = {r["month"]: Score.of(r) for r in rows}
    return [MonthPoint(m, by_month.get(m, Score())) for m in starts]


def recent_comments(*, filters: Q, limit: int = 5) -> list[Rating]:
    return list(
        Rating.objects.public_comments()
        .filter(filters)
        .select_related("service", "service__agency")
        .order_by("-rated_at")[:limit]
    )


@dataclass(frozen=True)
class LeagueRow:
    name: str
    url: str
    agency_name: str
    score: Score
    key: Any


def _ranked(rows: list[LeagueRow]) -> tuple[list[LeagueRow], list[LeagueRow]]:
    """(ranked by Wilson lower bound, then count), (too few ratings to rank, by count)."""
    ranked = sorted(
        (r for r in rows if r.score.enough),
        key=lambda r: (-r.score.lower_bound, -r.score.total, r.name),
    )
    few = sorted((r for r in rows if not r.score.enough), key=lambda r: (-r.score.total, r.name))
    return ranked, few


def league_services(
    *, since: datetime.date | None, kind: str = "", within: QuerySet[Agency] | None = None
) -> tuple[list[LeagueRow], list[LeagueRow]]:
    """Services ranked; `within` limits them to the services of those agencies (a subtree
    query each agency already is, via agencies_where)."""
    qs = _days(since).filter(service__is_active=True)
    if kind:
        qs = qs.filter(agency__kind=kind)
    if within is not None:
        qs = qs.filter(service__agency__in=within)
    rows = (
        qs.values(
            "service_id",
            "service__name",
            "service__slug",
            "service__agency__slug",
            "agency__name",
            "agency__short_name",
        )
        .annotate(**SUMS)
        .order_by()
    )
    return _ranked(
        [
            LeagueRow(
                name=r["service__name"],
                url=f"/opd/{r['service__agency__slug']}/layanan/{r['service__slug']}/",
                agency_name=r["agency__short_name"] or r["agency__name"],
                score=Score.of(r),
                key=r["service_id"],
            )
            for r in rows
        ]
    )


def league_agencies(
    *, since: datetime.date | None, kind: str = "", within: QuerySet[Agency] | None = None
) -> tuple[list[LeagueRow], list[LeagueRow]]:
    qs = _days(since).filter(agency__is_active=True)
    if kind:
        qs = qs.filter(agency__kind=kind)
    if within is not None:
        qs = qs.filter(agency__in=within)
    rows = (
        qs.values("agency_id", "agency__name", "agency__slug", "agency__kind")
        .annotate(**SUMS)
        .order_by()
    )
    return _ranked(
        [
            LeagueRow(
                name=r["agency__name"],
                url=f"/opd/{r['agency__slug']}/",
                agency_name="",
                score=Score.of(r),
                key=r["agency_id"],
            )
            for r in rows
        ]
    )


def worst_services(
    *, since: datetime.date | None, within: QuerySet[Agency], limit: int = 10
) -> list[LeagueRow]:
    """The `limit` least satisfying services of those agencies, one query: services with
    enough ratings to rank first (lowest share first), then those with fewer."""
    ranked, few = league_services(since=since, within=within)

    def by_share(row: LeagueRow) -> tuple[float, int]:
        return (row.score.share if row.score.share is not None else 101.0, -row.score.total)

    return (sorted(ranked, key=by_share) + sorted(few, key=by_share))[:limit]


# ---------------------------------------------------------------------------------------------
# Officials


def agencies_for(user: Any, action: str) -> QuerySet[Agency]:
    q = agencies_where(user, action)
    if q is None:
        return Agency.objects.none()
    return Agency.objects.active().filter(q)


def ratings_visible_to(user: Any) -> QuerySet[Rating]:
    """Ratings of the services of the agencies where the user may MANAGE_RATINGS."""
    q = agencies_where(user, Action.MANAGE_RATINGS)
    if q is None:
        return Rating.objects.none()
    return Rating.objects.filter(service__agency__in=Agency.objects.filter(q))


def get_rating_for_user(user: Any, pk: int) -> Rating:
    """The permission getter for ratings: 404 for ratings outside the user's agencies."""
    rating = ratings_visible_to(user).select_related("service__agency").filter(pk=pk).first()
    if rating is None:
        raise Http404
    return rating


def kiosks_visible_to(user: Any) -> QuerySet[KioskToken]:
    q = agencies_where(user, Action.MANAGE_RATINGS)
    if q is None:
        return KioskToken.objects.none()
    return KioskToken.objects.filter(agency__in=Agency.objects.filter(q))


def get_kiosk_for_user(user: Any, pk: int) -> KioskToken:
    kiosk = kiosks_visible_to(user).select_related("agency").filter(pk=pk).first()
    if kiosk is None:
        raise Http404
    return kiosk


# ---------------------------------------------------------------------------------------------
# Compliance (R5): who is not running the system.

QUIET_DAYS = 30


@dataclass(frozen=True)
class ComplianceRow:
    agency: Agency
    services: int
    quiet_services: int  # active services with no rating in QUIET_DAYS days
    last_rating: datetime.date | None
    kiosks: int
    unused_kiosks: int
    warnings: int

    @property
    def running(self) -> bool:
        return self.services > 0 and self.quiet_services == 0 and self.unused_kiosks == 0

    @property
    def status(self) -> str:
        """running: every service rated lately and every kiosk used; partial: some services
        rated lately; idle: none (or no services at all)."""
        if self.running:
            return "running"
        return "partial" if self.services > self.quiet_services else "idle"


def compliance(*, within: QuerySet[Agency]) -> list[ComplianceRow]:
    """Per OPD: services without a rating in QUIET_DAYS days, kiosks never used; 4 queries."""
    since = today() - datetime.timedelta(days=QUIET_DAYS - 1)
    opds = list(within.opds().order_by("name"))
    paths = {a.pk: a.path for a in opds}
    services = list(
        Service.objects.active()
        .filter(agency__in=Agency.objects.filter(_subtree_q(paths.values())))
        .select_related("agency")
        .annotate(last=Max("rating_days__day"))
    )
    kiosks = list(
        KioskToken.objects.active().filter(agency__in=opds).values("agency_id", "last_used_at")
    )
    warnings = dict(
        Agency.objects.filter(pk__in=paths)
        .annotate(n=Count("rating_warnings"))
        .values_list("pk", "n")
    )
    rows = []
    for opd in opds:
        own = [s for s in services if s.agency.path.startswith(opd.path)]
        lasts = [s.last for s in own if s.last]
        own_kiosks = [k for k in kiosks if k["agency_id"] == opd.pk]
        rows.append(
            ComplianceRow(
                agency=opd,
                services=len(own),
                quiet_services=sum(1 for s in own if not s.last or s.last < since),
                last_rating=max(lasts) if lasts else None,
                kiosks=len(own_kiosks),
                unused_kiosks=sum(1 for k in own_kiosks if k["last_used_at"] is None),
                warnings=warnings.get(opd.pk, 0),
            )
        )
    order = {"idle": 0, "partial": 1, "running": 2}
    rows.sort(key=lambda r: (order[r.status], r.agency.name))
    return rows


def _subtree_q(paths: Any) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(path__startswith=p)
    return q
