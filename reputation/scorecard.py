"""Reputation's columns on the Sekda's scorecard (standards/scorecard.py; SPEC R3, R4, R5).

The share satisfied over the last 90 days with its count, sorted by the Wilson lower bound
(a few ratings never outrank many). An OPD's row counts its units' services too. An OPD or a
service without a rating in the window has not run the system (000:Pasal 9): unmet.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reputation.models import RatingDay
from reputation.scoring import Score
from reputation.selectors import SUMS, today
from standards.models import Agency
from standards.scorecard import Cell, Column, agency_scorecard, service_scorecard

WINDOW_DAYS = 90


def _cell(score: Score) -> Cell:
    if not score.total:
        return Cell(text=_("belum ada penilaian"), unmet=True)
    share = formats.number_format(round(score.share, 1), 1)
    return Cell(text=f"{share}% ({score.total})", sort=score.lower_bound)


def _since() -> datetime.date:
    return today() - datetime.timedelta(days=WINDOW_DAYS)


def agency_cells(agencies: list[Any]) -> dict[int, Cell]:
    """Two queries for any number of rows: the units of the OPDs, then the counters."""
    ids = [a.pk for a in agencies]
    owner = {pk: pk for pk in ids}
    owner.update(Agency.objects.filter(parent_id__in=ids).values_list("pk", "parent_id"))
    sums: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SUMS, 0))
    rows = (
        RatingDay.objects.filter(agency_id__in=list(owner), day__gte=_since())
        .values("agency_id")
        .annotate(**SUMS)
        .order_by()
    )
    for row in rows:
        target = sums[owner[row["agency_id"]]]
        for key in SUMS:
            target[key] += row[key] or 0
    return {pk: _cell(Score.of(sums[pk])) for pk in ids}


def service_cells(services: list[Any]) -> dict[int, Cell]:
    """One query for any number of rows."""
    ids = [s.pk for s in services]
    rows = (
        RatingDay.objects.filter(service_id__in=ids, day__gte=_since())
        .values("service_id")
        .annotate(**SUMS)
        .order_by()
    )
    found = {row["service_id"]: Score.of(row) for row in rows}
    return {pk: _cell(found.get(pk, Score())) for pk in ids}


def register() -> None:
    title = gettext_lazy("Reputasi (persen puas, 90 hari)")
    agency_scorecard.register(
        Column(
            key="reputasi",
            title=title,
            values=agency_cells,
            obligation=gettext_lazy("penilaian layanan"),
            order=10,
        )
    )
    service_scorecard.register(Column(key="reputasi", title=title, values=service_cells, order=10))
