"""The reputation parts of other apps' pages (standards/sections.py registries)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.permissions import Action, agencies_where
from reputation import selectors
from reputation.models import CommentStatus, Rating
from reputation.scoring import Score, min_ratings
from reputation.svg import trend_chart
from standards.models import Agency, Service
from standards.sections import Section, agency_page, dashboard_page, service_page


def service_context(request: HttpRequest, service: Service) -> dict[str, Any]:
    """Share satisfied, count, stars, monthly trend, recent comments with replies: 3 queries."""
    days = selectors.RatingDay.objects.filter(service=service)
    trend = selectors.monthly_trend(days)
    score = selectors.score_of(days)
    return {
        "score": score,
        "trend": trend,
        "chart": trend_chart(trend),
        "comments": selectors.recent_comments(filters=Q(service=service)),
        "min_ratings": min_ratings(),
        "service": service,
    }


def agency_context(request: HttpRequest, agency: Agency) -> dict[str, Any]:
    """The agency's score (the sum of its services' rows), trend, services, comments: 3 queries."""
    trend = selectors.monthly_trend(selectors.agency_days(agency))
    ranked, few = selectors.league_services(
        since=None, within=Agency.objects.filter(path__startswith=agency.path)
    )
    return {
        "score": Score(
            total=sum(r.score.total for r in ranked + few),
            satisfied=sum(r.score.satisfied for r in ranked + few),
            stars_sum=sum(r.score.stars_sum for r in ranked + few),
            stars_count=sum(r.score.stars_count for r in ranked + few),
        ),
        "trend": trend,
        "chart": trend_chart(trend),
        "ranked": ranked,
        "few": few,
        "comments": selectors.recent_comments(
            filters=Q(service__agency__path__startswith=agency.path)
        ),
        "min_ratings": min_ratings(),
    }


def dashboard_context(request: HttpRequest, user: Any) -> dict[str, Any] | None:
    """The official's home: their services' worst scores, comments waiting; None for others."""
    manage = agencies_where(user, Action.MANAGE_RATINGS)
    citywide = agencies_where(user, Action.VIEW_CITYWIDE)
    if manage is None and citywide is None:
        return None
    since = selectors.since_for(selectors.DEFAULT_PERIOD)
    data: dict[str, Any] = {
        "citywide": citywide is not None,
        "manage": manage is not None,
        "min_ratings": min_ratings(),
    }
    if manage is not None:
        ranked, few = selectors.league_services(since=since, within=Agency.objects.filter(manage))
        rows = sorted(ranked + few, key=lambda r: r.score.share if r.score.total else 101)
        data["worst"] = rows[:5]
        data["held"] = Rating.objects.filter(
            service__agency__in=Agency.objects.filter(manage),
            comment_status=CommentStatus.HELD,
        ).count()
    if citywide is not None:
        ranked, few = selectors.league_agencies(since=since)
        data["city_bottom"] = list(reversed(ranked))[:5]
        data["city_count"] = len(ranked) + len(few)
    return data


def register() -> None:
    service_page.register(
        Section(
            key="penilaian",
            title=_("Penilaian masyarakat"),
            template="reputation/_service_section.html",
            context=service_context,
            order=20,
        )
    )
    agency_page.register(
        Section(
            key="reputasi",
            title=_("Reputasi"),
            template="reputation/_agency_section.html",
            context=agency_context,
            order=40,
        )
    )
    dashboard_page.register(
        Section(
            key="reputasi",
            title=_("Reputasi layanan"),
            template="reputation/_dashboard_panel.html",
            context=dashboard_context,
            order=40,
        )
    )
