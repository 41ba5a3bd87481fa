"""Reads of the surveys app: the permission door, the SQL aggregates and the page summaries.

Every figure comes from an aggregate query (sums and counts per unsur) handed to
`surveys.ikm`; no page loads response rows to count them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import Action, agencies_where, memberships_of, user_can
from standards.models import Agency, Service, Tier
from surveys import ikm
from surveys.models import (
    FollowUpItem,
    Response,
    SuggestionStatus,
    Survey,
    SurveyStatus,
)
from surveys.privacy import MIN_CELL, Cell, suppress
from surveys.questionnaire import PROFILE_FIELDS

_AGGREGATES: dict[str, Any] = {
    "n": Count("id"),
    **{f"s{n}": Sum(f"u{n}") for n in range(1, 10)},
    **{f"c{n}": Count(f"u{n}") for n in range(1, 10)},
}


def _result_from_row(row: dict[str, Any]) -> ikm.IkmResult:
    totals = {n: (row.get(f"s{n}") or 0, row.get(f"c{n}") or 0) for n in range(1, 10)}
    return ikm.compute(totals, respondents=row.get("n") or 0)


# ---------------------------------------------------------------------------------------------
# The permission door


def officer_surveys(user: Any) -> QuerySet[Survey]:
    """Surveys an official may see: those of agencies under any of their roles."""
    return Survey.objects.visible_to(user)


def get_survey_for_user(user: Any, pk: int, *, write: bool = False) -> Survey:
    """The survey for an officer page: 404 when out of sight, 403 when seen but not managed."""
    survey = officer_surveys(user).with_related().filter(pk=pk).first()
    if survey is None:
        raise Http404
    if write and not user_can(user, Action.MANAGE_SURVEYS, survey.agency):
        raise PermissionDenied
    return survey


def get_public_survey(pk: int) -> Survey:
    """A survey the public may open (answer or results); 404 for drafts and closed ones."""
    survey = Survey.objects.public().with_related().filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


def manageable_agencies(user: Any) -> QuerySet[Agency]:
    q = agencies_where(user, Action.MANAGE_SURVEYS)
    if q is None:
        return Agency.objects.none()
    return Agency.objects.active().filter(q).exclude(tier=Tier.INSTANSI)


# ---------------------------------------------------------------------------------------------
# Figures


def survey_result(survey: Survey) -> ikm.IkmResult:
    """The index of one survey: one aggregate query."""
    return _result_from_row(Response.objects.filter(survey=survey).aggregate(**_AGGREGATES))


def results_for(survey_ids: list[int]) -> dict[int, ikm.IkmResult]:
    """The index of many surveys in one grouped query."""
    rows = (
        Response.objects.filter(survey_id__in=survey_ids)
        .values("survey_id")
        .annotate(**_AGGREGATES)
        .order_by()
    )
    found = {row["survey_id"]: _result_from_row(row) for row in rows}
    return {pk: found.get(pk, ikm.compute({}, respondents=0)) for pk in survey_ids}


def response_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey).count()


@dataclass(frozen=True)
class ProfileBreakdown:
    label: str
    cells: list[Cell]


def profile_breakdown(survey: Survey) -> list[ProfileBreakdown]:
    """The respondent profile in aggregate, small cells merged (surveys.privacy)."""
    other = _("Lainnya (digabung)")
    result = []
    for field, label, choices in PROFILE_FIELDS:
        rows = (
            Response.objects.filter(survey=survey)
            .values_list(field)
            .annotate(n=Count("id"))
            .order_by()
        )
        names = dict(choices.choices)
        cells = [(str(names.get(value, value)), n) for value, n in rows]
        result.append(ProfileBreakdown(str(label), suppress(cells, other_label=other)))
    return result


def published_suggestions(survey: Survey, limit: int = 50) -> list[str]:
    return list(
        Response.objects.filter(survey=survey, suggestion_status=SuggestionStatus.APPROVED)
        .order_by("-created_at", "-pk")
        .values_list("suggestion", flat=True)[:limit]
    )


def pending_suggestions(survey: Survey, limit: int = 50) -> QuerySet[Response]:
    return (
        Response.objects.filter(survey=survey, suggestion_status=SuggestionStatus.PENDING)
        .only("pk", "suggestion", "created_at", "survey_id")
        .order_by("created_at", "pk")[:limit]
    )


def followups(survey: Survey) -> list[FollowUpItem]:
    return list(FollowUpItem.objects.filter(survey=survey).order_by("unsur", "due_date", "pk"))


# ---------------------------------------------------------------------------------------------
# Page sections


def open_survey_for_service(service: Service) -> Survey | None:
    """The survey a user of this service answers now: its own, else its agency's."""
    return (
        Survey.objects.answerable()
        .filter(Q(service=service) | Q(service__isnull=True, agency_id=service.agency_id))
        .order_by("service_id", "-period_end", "-pk")  # the service's own first (NULLs last)
        .first()
    )


def service_summary(service: Service) -> dict[str, Any]:
    """The service page's "skm" section: the open survey and the latest published result."""
    latest = (
        Survey.objects.published()
        .filter(Q(service=service) | Q(service__isnull=True, agency_id=service.agency_id))
        .order_by("-period_end", "-pk")
        .first()
    )
    return {
        "open_survey": open_survey_for_service(service),
        "latest": latest,
        "result": survey_result(latest) if latest else None,
    }


def agency_summary(agency: Agency) -> dict[str, Any]:
    """The agency page's "kinerja" section: its published surveys of the last 12 months, each
    with its index, and the agency's index over all their responses."""
    since = timezone.localdate() - datetime.timedelta(days=365)
    surveys = list(
        Survey.objects.published()
        .filter(agency=agency, period_end__gte=since)
        .select_related("service")
        .order_by("-period_end", "pk")
    )
    results = results_for([s.pk for s in surveys])
    overall = (
        _result_from_row(
            Response.objects.filter(survey__in=[s.pk for s in surveys]).aggregate(**_AGGREGATES)
        )
        if surveys
        else None
    )
    return {
        "rows": [(s, results[s.pk]) for s in surveys],
        "overall": overall,
    }


# ---------------------------------------------------------------------------------------------
# Obligations (SPEC K1)


def obligations_scope(user: Any) -> QuerySet[Agency] | None:
    """The agencies whose obligations the user answers for: a Kepala OPD's OPD and its units,
    the Sekda's (Pimpinan's) whole instansi. None for everyone else."""
    paths = [m.agency.path for m in memberships_of(user) if m.role in (Role.KEPALA, Role.PIMPINAN)]
    if not paths:
        return None
    q = Q()
    for p in paths:
        q |= Q(path__startswith=p)
    return Agency.objects.active().filter(q)


def obligations(user: Any, *, today: datetime.date | None = None, limit: int = 20) -> dict | None:
    """Services without a survey in 12 months, surveys below their sample, follow-up past due;
    each row with its OPD. Six queries whatever the data size."""
    scope = obligations_scope(user)
    if scope is None:
        return None
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    recent = Survey.objects.exclude(status=SurveyStatus.DRAFT).filter(period_end__gte=since)
    no_survey = (
        Service.objects.active()
        .filter(agency__in=scope)
        .exclude(Exists(recent.filter(service=OuterRef("pk"))))
        .exclude(Exists(recent.filter(service__isnull=True, agency_id=OuterRef("agency_id"))))
        .select_related("agency")
        .order_by("agency__name", "name")
    )
    below = (
        recent.filter(agency__in=scope)
        .annotate(n=Count("responses"))
        .filter(n__lt=F("sample_size"))
        .select_related("agency", "service")
        .order_by("period_end", "pk")
    )
    past_due = (
        FollowUpItem.objects.past_due(today)
        .filter(survey__agency__in=scope)
        .select_related("survey", "survey__agency")
        .order_by("due_date", "pk")
    )
    return {
        "no_survey": list(no_survey[:limit]),
        "no_survey_count": no_survey.count(),
        "below": list(below[:limit]),
        "below_count": below.count(),
        "past_due": list(past_due[:limit]),
        "past_due_count": past_due.count(),
    }


@dataclass(frozen=True)
class UnsurRow:
    number: int
    name: str
    score: ikm.UnsurScore
    is_lowest: bool

    @property
    def nrr(self) -> str:
        return ikm.format_id(self.score.nrr_rounded if self.score.count else None)

    @property
    def converted(self) -> str:
        return ikm.format_id(self.score.converted if self.score.count else None)

    @property
    def mutu(self) -> str:
        return self.score.mutu if self.score.count else "–"


def results_context(survey: Survey) -> dict[str, Any]:
    """Everything the results page and the PDF report show: aggregates only (SPEC K3).
    A fixed number of queries: one aggregate, four profile counts, suggestions, follow-up."""
    from surveys.chart import unsur_bars
    from surveys.questionnaire import UNSUR

    result = survey_result(survey)
    lowest = result.lowest.number if result.lowest else None
    rows = [
        UnsurRow(u.number, str(u.name), result.unsur[u.number - 1], u.number == lowest)
        for u in UNSUR
    ]
    # Fewer than 5 respondents (a survey published before the rule, or the officer's page of
    # an open one): the per-unsur values would show single people's answers, so none is shown.
    too_few = result.respondents < MIN_CELL
    return {
        "survey": survey,
        "result": result,
        "too_few": too_few,
        "min_cell": MIN_CELL,
        "rows": [] if too_few else rows,
        "lowest_row": rows[lowest - 1] if lowest and not too_few else None,
        "chart": "" if too_few else unsur_bars(result),
        "ikm_value": ikm.format_id(result.converted),
        "ikm_raw": ikm.format_id(result.ikm, places=4) if result.ikm is not None else "–",
        "below_sample": result.respondents < survey.sample_size,
        "profile": profile_breakdown(survey),
        "suggestions": published_suggestions(survey),
        "followups": followups(survey),
    }
