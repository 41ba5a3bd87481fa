"""What the reports app adds to pages other apps own (standards.sections)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import Action, agencies_where
from reports.models import RekapObligation, month_label, previous_month
from standards.models import Agency, Tier
from standards.sections import Section, dashboard_page


def rekap_panel(request: HttpRequest, user: Any) -> dict[str, Any] | None:
    """/dasbor/: the rekap of last month, submitted by how many of the agencies in reach
    (two queries). None for officials without the rekap role."""
    where = agencies_where(user, Action.EXPORT_REKAP)
    if where is None:
        return None
    year, month = previous_month(timezone.localdate())
    agencies = Agency.objects.active().filter(where, tier=Tier.OPD).values("pk")
    counts = RekapObligation.objects.filter(agency__in=agencies, year=year, month=month).aggregate(
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
        late=Count("pk", filter=Q(is_late=True)),
    )
    return {
        "period": month_label(year, month),
        "bulan": f"{year:04d}-{month:02d}",
        "total": Agency.objects.active().filter(where, tier=Tier.OPD).count(),
        "scorecard": agencies_where(user, Action.VIEW_SCORECARD) is not None,
        **counts,
    }


def register() -> None:
    dashboard_page.register(
        Section(
            key="rekap",
            title=_("Rekapitulasi bulanan"),
            template="reports/_dashboard_rekap.html",
            context=rekap_panel,
            order=50,
        )
    )
