"""The figures of a semester evaluation (SPEC C15, C16; 002:Bab VII B.2 and C).

Counted over every item of the instansi received in the semester, whatever its privacy; no
content and no reporter appears. Averages are in working days of the instansi's calendar.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.calendar import calendar_for
from complaints.models import FINAL_STATUSES, Channel, Complaint, Kind
from reports.models import Evaluation
from standards.models import Agency


def semester_bounds(year: int, semester: int) -> tuple[datetime, datetime]:
    tz = timezone.get_default_timezone()
    start = date(year, 1 if semester == 1 else 7, 1)
    end = date(year, 7, 1) if semester == 1 else date(year + 1, 1, 1)
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end, time.min, tzinfo=tz),
    )


def _items(instansi: Agency, start: datetime, end: datetime) -> Any:
    return Complaint.objects.filter(
        Q(instansi=instansi) | Q(holder_agency__path__startswith=instansi.path),
        received_at__gte=start,
        received_at__lt=end,
    )


def _rows(qs: Any, field: str, labels: dict[Any, str]) -> list[dict[str, Any]]:
    rows = [
        {"label": labels.get(r[field], r[field] or "-"), "n": r["n"]}
        for r in qs.order_by().values(field).annotate(n=Count("pk"))
    ]
    return sorted(rows, key=lambda r: (-r["n"], str(r["label"])))


def semester_figures(instansi: Agency, year: int, semester: int) -> dict[str, Any]:
    """A JSON-ready dict of the semester's figures, labelled in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _figures(instansi, year, semester)


def _figures(instansi: Agency, year: int, semester: int) -> dict[str, Any]:
    start, end = semester_bounds(year, semester)
    items = _items(instansi, start, end)
    final = list(FINAL_STATUSES)
    overall = items.aggregate(
        received=Count("pk"),
        unanswered=Count("pk", filter=Q(responded_at__isnull=True) & ~Q(status__in=final)),
        unresolved=Count("pk", filter=~Q(status__in=final)),
        avg_followup=Avg("followup_working_days"),
    )
    breached_opds = list(items.breached().values_list("opd", flat=True))
    cal = calendar_for(instansi)
    tz = timezone.get_default_timezone()
    spans = [
        cal.count(timezone.localtime(received, tz).date(), timezone.localtime(responded, tz).date())
        for received, responded in items.filter(responded_at__isnull=False).values_list(
            "received_at", "responded_at"
        )
    ]
    agencies = {a.pk: a.name for a in Agency.objects.filter(path__startswith=instansi.path)}
    by_agency = _rows(items, "opd", agencies)
    breaches_by_agency: dict[str, int] = {}
    for opd_id in breached_opds:
        label = agencies.get(opd_id, "-")
        breaches_by_agency[label] = breaches_by_agency.get(label, 0) + 1
    return {
        "received": overall["received"],
        "unanswered": overall["unanswered"],
        "unresolved": overall["unresolved"],
        "avg_followup_days": (
            round(overall["avg_followup"], 1) if overall["avg_followup"] is not None else None
        ),
        "avg_resolution_days": round(sum(spans) / len(spans), 1) if spans else None,
        "breaches": len(breached_opds),
        "by_kind": _rows(items, "kind", {k: str(v) for k, v in Kind.choices}),
        "by_category": _rows(items, "category__name", {}),
        "by_channel": _rows(items, "channel", {k: str(v) for k, v in Channel.choices}),
        "by_agency": [
            {**row, "breaches": breaches_by_agency.get(row["label"], 0)} for row in by_agency
        ],
    }


def tables(figures: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The count tables of the page and the PDF, in order."""
    return [
        (_("Menurut jenis"), figures.get("by_kind", [])),
        (_("Menurut kategori"), figures.get("by_category", [])),
        (_("Menurut kanal"), figures.get("by_channel", [])),
    ]


def render_pdf(evaluation: Evaluation) -> bytes:
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "reports/pdf/evaluation.html",
            {"evaluation": evaluation, "tables": tables(evaluation.figures)},
        )
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
