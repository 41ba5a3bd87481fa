"""The public complaint list and its statistics (SPEC C15): search, keyset pages, period,
charts and the CSV download."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import charts, selectors
from complaints.forms import (
    PublicListFilterForm,
    StatisticsPeriodForm,
)

# ---------------------------------------------------------------------------------------------
# Public list and statistics


def complaint_list(request: HttpRequest) -> HttpResponse:
    form = PublicListFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    q = filters.get("q", "")
    code = selectors.tracking_code_in(q)
    items = selectors.public_list(q=q, opd=filters.get("opd"), kind=filters.get("kind", ""))
    if code and not filters.get("opd") and not filters.get("kind"):
        # A tracking code typed in the search box goes straight to that public item.
        found = items.values_list("code", flat=True).first()
        if found:
            return redirect("complaints:detail", code=found)
    page = selectors.public_list_page(
        items, after=request.GET.get("setelah", ""), before=request.GET.get("sebelum", "")
    )
    query = request.GET.copy()
    for key in ("setelah", "sebelum", "halaman"):
        query.pop(key, None)
    return render(
        request,
        "complaints/public/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "code_searched": code},
    )


def _statistics_period(request: HttpRequest) -> tuple[StatisticsPeriodForm, selectors.Period]:
    form = StatisticsPeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, selectors.Period(start=data.get("dari"), end=data.get("sampai"))
    return form, selectors.Period()


def complaint_statistics(request: HttpRequest) -> HttpResponse:
    """SPEC C15: received, not yet responded, not yet resolved, average time to follow up;
    counts by kind, category and month, over a period. Every item counts, whatever its
    privacy; no content shows."""
    form, period = _statistics_period(request)
    stats = selectors.public_statistics(period)
    months = stats.by_month[-selectors.MONTHS_IN_CHART :]
    categories = [
        (row["category__name"] or _("Belum dikategorikan"), row["n"]) for row in stats.by_category
    ]
    query = request.GET.copy()
    return render(
        request,
        "complaints/public/statistics.html",
        {
            "form": form,
            "period": period,
            "presets": statistics_presets(timezone.localdate()),
            "csv_query": query.urlencode(),
            "overall": stats.overall,
            "overall_avg": stats.overall_avg,
            "opd_rows": [row for row in stats.opd_rows if row["received"]],
            "idle_opds": [row["name"] for row in stats.opd_rows if not row["received"]],
            "by_kind": stats.by_kind,
            "by_category": stats.by_category,
            "by_month": stats.by_month,
            "months_cut": len(stats.by_month) > len(months),
            "month_chart": charts.bar_chart(
                [(charts.month_label(row["month"]), row["n"]) for row in months],
                chart_id="grafik-bulan",
                title=_("Laporan diterima per bulan"),
                description=_("Jumlah laporan yang diterima setiap bulan; angkanya ada di tabel."),
            ),
            "category_chart": charts.bar_chart(
                categories,
                chart_id="grafik-kategori",
                title=_("Laporan per kategori"),
                description=_("Jumlah laporan menurut kategori; angkanya ada di tabel."),
            ),
        },
    )


def statistics_presets(today: date) -> list[tuple[str, str]]:
    """Ready periods for the statistics page, as (label, query string)."""
    month_start = today.replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    return [
        (_("Bulan ini"), urlencode({"dari": month_start, "sampai": today})),
        (
            _("Bulan lalu"),
            urlencode({"dari": last_month_end.replace(day=1), "sampai": last_month_end}),
        ),
        (_("Tahun ini"), urlencode({"dari": today.replace(month=1, day=1), "sampai": today})),
        (
            _("Tahun lalu"),
            urlencode(
                {
                    "dari": date(today.year - 1, 1, 1),
                    "sampai": date(today.year - 1, 12, 31),
                }
            ),
        ),
        (_("Semua waktu"), ""),
    ]


def complaint_statistics_csv(request: HttpRequest) -> HttpResponse:
    """The statistics of the page, for a spreadsheet: one row per OPD, kind, category and
    month, each with the same five numbers (SPEC C15)."""
    _form, period = _statistics_period(request)
    stats = selectors.public_statistics(period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = "statistik-pengaduan"
    if period.start or period.end:
        name += f"-{period.start or ''}-{period.end or ''}".replace("--", "-").rstrip("-")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Bagian"),
            _("Nama"),
            _("Diterima"),
            _("Belum ditanggapi"),
            _("Belum selesai"),
            _("Melewati batas waktu"),
            _("Rata-rata hari kerja sampai tindak lanjut"),
        ]
    )

    def row(section: str, label: Any, counts: dict[str, Any], avg: Any) -> None:
        writer.writerow(
            [
                section,
                charts.spreadsheet_safe(str(label)),
                counts["received"],
                counts["unanswered"],
                counts["unresolved"],
                counts["late"],
                "" if avg is None else f"{avg:.1f}",
            ]
        )

    row(_("Keseluruhan"), _("Semua laporan"), stats.overall, stats.overall_avg)
    for item in stats.opd_rows:
        row(_("OPD"), item["name"], item, item["avg"])
    for item in stats.by_kind:
        row(_("Jenis"), item["label"], item, item["avg"])
    for item in stats.by_category:
        label = item["category__name"] or _("Belum dikategorikan")
        row(_("Kategori"), label, item, item["avg"])
    for item in stats.by_month:
        row(_("Bulan"), item["month"].strftime("%Y-%m"), item, item["avg"])
    return response
