"""The SKM's column on the Sekda's scorecard (standards/scorecard.py; SPEC K1, K2).

The index of the latest survey published for the agency (or the service) whose period ended
within the last 12 months, as "88,31 (B)"; none is the unmet duty of 003:Pasal 23(1).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standards.scorecard import Cell, Column, agency_scorecard, service_scorecard
from surveys.ikm import IkmResult, format_id
from surveys.models import Survey, SurveyStatus
from surveys.selectors import results_for


def _recent() -> Any:
    since = timezone.localdate() - datetime.timedelta(days=365)
    return Survey.objects.filter(status=SurveyStatus.PUBLISHED, period_end__gte=since).order_by(
        "-period_end", "-pk"
    )


def _cell(result: IkmResult | None) -> Cell:
    if result is None:
        return Cell(text=_("belum ada SKM"), unmet=True)
    if not result.has_data:
        return Cell(text=_("belum ada jawaban"), unmet=True)
    return Cell(text=f"{format_id(result.converted)} ({result.mutu})", sort=float(result.converted))


def _cells(latest: dict[int, int], ids: list[int]) -> dict[int, Cell]:
    results = results_for(list(latest.values()))
    return {pk: _cell(results.get(latest[pk]) if pk in latest else None) for pk in ids}


def agency_cells(agencies: list[Any]) -> dict[int, Cell]:
    """Two queries for any number of rows: the surveys, then their answers grouped."""
    ids = [a.pk for a in agencies]
    latest: dict[int, int] = {}
    for pk, agency_id in _recent().filter(agency_id__in=ids).values_list("pk", "agency_id"):
        latest.setdefault(agency_id, pk)
    return _cells(latest, ids)


def service_cells(services: list[Any]) -> dict[int, Cell]:
    ids = [s.pk for s in services]
    latest: dict[int, int] = {}
    for pk, service_id in _recent().filter(service_id__in=ids).values_list("pk", "service_id"):
        latest.setdefault(service_id, pk)
    return _cells(latest, ids)


def register() -> None:
    title = gettext_lazy("IKM dan mutu")
    agency_scorecard.register(
        Column(
            key="ikm",
            title=title,
            values=agency_cells,
            obligation=gettext_lazy("SKM"),
            order=20,
        )
    )
    service_scorecard.register(Column(key="ikm", title=title, values=service_cells, order=20))
