"""The standards registry's columns on the Sekda's scorecard (standards/scorecard.py;
SPEC S2, S5, S6): how many of an OPD's services (its units' included) have an adopted
standard, and whether the OPD has signed its maklumat."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, F, Q, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standards.models import Service
from standards.models_standard import Maklumat, ServiceStandard, StandardStatus
from standards.scorecard import Cell, Column, agency_scorecard, service_scorecard


def standard_cells(agencies: list[Any]) -> dict[int, Cell]:
    """One query for any number of rows."""
    ids = [a.pk for a in agencies]
    rows = (
        Service.objects.filter(is_active=True)
        .filter(Q(agency_id__in=ids) | Q(agency__parent_id__in=ids))
        .annotate(
            owner=Case(When(agency_id__in=ids, then=F("agency_id")), default=F("agency__parent_id"))
        )
        .values("owner")
        .annotate(
            total=Count("pk", distinct=True),
            adopted=Count(
                "pk", filter=Q(standards__status=StandardStatus.DITETAPKAN), distinct=True
            ),
        )
        .order_by()
    )
    found = {row["owner"]: (row["adopted"], row["total"]) for row in rows}
    cells = {}
    for pk in ids:
        adopted, total = found.get(pk, (0, 0))
        if not total:
            cells[pk] = Cell(text=_("tidak ada layanan"))
            continue
        cells[pk] = Cell(
            text=_("%(adopted)s dari %(total)s") % {"adopted": adopted, "total": total},
            sort=adopted / total,
            unmet=adopted < total,
        )
    return cells


def maklumat_cells(agencies: list[Any]) -> dict[int, Cell]:
    """One query for any number of rows."""
    ids = [a.pk for a in agencies]
    signed = set(Maklumat.objects.filter(agency_id__in=ids).values_list("agency_id", flat=True))
    return {
        pk: Cell(text=_("ada"), sort=1)
        if pk in signed
        else Cell(text=_("belum ada"), sort=0, unmet=True)
        for pk in ids
    }


def service_standard_cells(services: list[Any]) -> dict[int, Cell]:
    ids = [s.pk for s in services]
    adopted = set(
        ServiceStandard.objects.filter(
            service_id__in=ids, status=StandardStatus.DITETAPKAN
        ).values_list("service_id", flat=True)
    )
    return {
        pk: Cell(text=_("ditetapkan"), sort=1)
        if pk in adopted
        else Cell(text=_("belum ditetapkan"), sort=0, unmet=True)
        for pk in ids
    }


def register() -> None:
    agency_scorecard.register(
        Column(
            key="standar",
            title=gettext_lazy("Standar pelayanan"),
            values=standard_cells,
            obligation=gettext_lazy("standar pelayanan"),
            order=30,
        )
    )
    agency_scorecard.register(
        Column(
            key="maklumat",
            title=gettext_lazy("Maklumat"),
            values=maklumat_cells,
            obligation=gettext_lazy("maklumat pelayanan"),
            order=40,
        )
    )
    service_scorecard.register(
        Column(
            key="standar",
            title=gettext_lazy("Standar pelayanan"),
            values=service_standard_cells,
            order=30,
        )
    )
