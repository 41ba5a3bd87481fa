"""Reads of the surveys app: the permission door, the SQL aggregates and the page summaries.

Every figure comes from an aggregate query (sums and counts per unsur) handed to
`surveys.ikm`; no page loads response rows to count them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
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


def get_survey_to_answer(pk: int) -> Survey:
    """The survey behind an answer form: a public one, or one closed since the form was
    opened (the page then says no answer was recorded); 404 for drafts."""
    survey = Survey.objects.exclude(status=SurveyStatus.DRAFT).with_related().filter(pk=pk).first()
    if survey is None:
        raise Http404
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


# The three kinds of obligation, by the slug of their list page.
NO_SURVEY = "tanpa-survei"
BELOW_SAMPLE = "di-bawah-sampel"
PAST_DUE = "tindak-lanjut"
OBLIGATION_KINDS = (NO_SURVEY, BELOW_SAMPLE, PAST_DUE)
OBLIGATION_LIST_LIMIT = 200


@dataclass
class ObligationRow:
    """One OPD's unmet obligations: the counts of each kind."""

    agency: Agency
    no_survey: int = 0
    below: int = 0
    past_due: int = 0

    @property
    def total(self) -> int:
        return self.no_survey + self.below + self.past_due


def _recent_surveys(today: datetime.date) -> QuerySet[Survey]:
    since = today - datetime.timedelta(days=365)
    return Survey.objects.exclude(status=SurveyStatus.DRAFT).filter(period_end__gte=since)


def _services_without_survey(within: QuerySet[Agency], today: datetime.date) -> QuerySet[Service]:
    recent = _recent_surveys(today)
    return (
        Service.objects.active()
        .filter(agency__in=within)
        .exclude(Exists(recent.filter(service=OuterRef("pk"))))
        .exclude(Exists(recent.filter(service__isnull=True, agency_id=OuterRef("agency_id"))))
    )


def _surveys_below_sample(within: QuerySet[Agency], today: datetime.date) -> QuerySet[Survey]:
    answered = (
        Response.objects.filter(survey=OuterRef("pk"))
        .order_by()
        .values("survey")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return (
        _recent_surveys(today)
        .filter(agency__in=within)
        .alias(answered=Coalesce(Subquery(answered), 0))
        .filter(answered__lt=F("sample_size"))
    )


def _followups_past_due(within: QuerySet[Agency], today: datetime.date) -> QuerySet[FollowUpItem]:
    return FollowUpItem.objects.past_due(today).filter(survey__agency__in=within)


def _group_of(agency: Agency, opds: dict[int, Agency]) -> Agency:
    """The OPD an agency counts under: itself or its nearest OPD ancestor; else itself."""
    for pk in reversed(agency.ancestor_ids):
        found = opds.get(pk)
        if found is not None:
            return found
    return agency


def obligations(user: Any, *, today: datetime.date | None = None) -> dict | None:
    """Unmet SKM obligations per OPD (SPEC K1): services without a survey ending in the last
    12 months, surveys below their sample, follow-up items past due. A unit counts under its
    OPD. Four queries whatever the data size: the agencies in scope, then one grouped count per
    kind; the OPDs with nothing unmet are left out."""
    scope = obligations_scope(user)
    if scope is None:
        return None
    today = today or timezone.localdate()
    agencies = {
        a.pk: a for a in scope.only("pk", "name", "short_name", "slug", "path", "tier", "parent_id")
    }
    opds = {a.pk: a for a in agencies.values() if a.tier == Tier.OPD}
    rows: dict[int, ObligationRow] = {}

    def add(agency_id: int, field_name: str, n: int) -> None:
        agency = agencies.get(agency_id)
        if agency is None:
            return
        group = _group_of(agency, opds)
        row = rows.setdefault(group.pk, ObligationRow(group))
        setattr(row, field_name, getattr(row, field_name) + n)

    counts = [
        ("no_survey", _services_without_survey(scope, today), "agency_id"),
        ("below", _surveys_below_sample(scope, today), "agency_id"),
        ("past_due", _followups_past_due(scope, today), "survey__agency_id"),
    ]
    for field_name, queryset, key in counts:
        for agency_id, n in (
            queryset.order_by().values(key).annotate(n=Count("pk")).values_list(key, "n")
        ):
            add(agency_id, field_name, n)
    ordered = sorted(rows.values(), key=lambda r: (r.agency.display_name.lower(), r.agency.pk))
    return {
        "rows": ordered,
        "no_survey_count": sum(r.no_survey for r in ordered),
        "below_count": sum(r.below for r in ordered),
        "past_due_count": sum(r.past_due for r in ordered),
        "kinds": {"no_survey": NO_SURVEY, "below": BELOW_SAMPLE, "past_due": PAST_DUE},
    }


def obligation_group(user: Any, pk: int) -> Agency:
    """An OPD (or an agency outside any OPD) in the user's obligations scope; 404 otherwise."""
    scope = obligations_scope(user)
    if scope is None:
        raise Http404
    agency = scope.filter(pk=pk).first()
    if agency is None:
        raise Http404
    return agency


def _group_agencies(group: Agency) -> QuerySet[Agency]:
    """The agencies whose obligations count under a group of the panel (obligations)."""
    if group.tier == Tier.OPD:
        return Agency.objects.active().filter(path__startswith=group.path)
    return Agency.objects.filter(pk=group.pk)


def obligation_items(
    group: Agency,
    kind: str,
    *,
    today: datetime.date | None = None,
    limit: int = OBLIGATION_LIST_LIMIT,
) -> dict[str, Any]:
    """The items behind one count of the obligations panel, the first `limit` of them in a
    stable order, and how many there are. Two queries."""
    today = today or timezone.localdate()
    within = _group_agencies(group)
    items: QuerySet[Any]
    if kind == NO_SURVEY:
        items = (
            _services_without_survey(within, today)
            .select_related("agency")
            .order_by("agency__name", "name", "pk")
        )
    elif kind == BELOW_SAMPLE:
        items = (
            _surveys_below_sample(within, today)
            .annotate(n=Count("responses"))
            .select_related("agency", "service")
            .order_by("period_end", "pk")
        )
    elif kind == PAST_DUE:
        items = (
            _followups_past_due(within, today)
            .select_related("survey", "survey__agency")
            .order_by("due_date", "pk")
        )
    else:
        raise Http404
    rows = list(items[: limit + 1])
    total = len(rows) if len(rows) <= limit else items.count()
    return {"group": group, "kind": kind, "items": rows[:limit], "total": total, "limit": limit}


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
