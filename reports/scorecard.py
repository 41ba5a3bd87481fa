"""The Sekda's city-wide scorecard (UX.md "Pak Sekda"; SPEC R4, C15, C17) and the quality
tools of 003:Pasal 21: a Pareto chart of categories, a histogram of resolution times and
stratification by agency, channel and kind. Charts are SVG drawn here, each with its table.

Everything is read in a fixed number of queries, whatever the number of agencies or items.
Columns of apps not yet built (reputation, SKM, standards) come from
standards.scorecard; until an app registers one it reads "belum tersedia".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import tally
from complaints.calendar import calendar_for
from complaints.models import Category, Channel, Complaint, Kind, TallyDimension
from reports.models import RekapObligation
from standards.models import Agency, Service
from standards.scorecard import Cell, Column, agency_scorecard, service_scorecard

# Resolution time buckets of the histogram, in working days (upper bounds, inclusive).
BUCKETS: list[tuple[int | None, str]] = [
    (5, "0-5"),
    (10, "6-10"),
    (14, "11-14"),
    (30, "15-30"),
    (60, "31-60"),
    (None, "> 60"),
]


def register_placeholders() -> None:
    """Columns of apps built in parallel: "belum tersedia" until they register their own."""
    for key, title, obligation, order in [
        ("reputasi", gettext_lazy("Reputasi (persen puas)"), gettext_lazy("penilaian layanan"), 10),
        ("ikm", gettext_lazy("IKM dan mutu"), gettext_lazy("SKM"), 20),
        ("standar", gettext_lazy("Standar pelayanan"), gettext_lazy("standar pelayanan"), 30),
        ("maklumat", gettext_lazy("Maklumat"), gettext_lazy("maklumat pelayanan"), 40),
    ]:
        agency_scorecard.register_default(
            Column(key=key, title=title, obligation=obligation, order=order)
        )
    for key, title, order in [
        ("reputasi", gettext_lazy("Reputasi (persen puas)"), 10),
        ("ikm", gettext_lazy("IKM dan mutu"), 20),
        ("standar", gettext_lazy("Standar pelayanan"), 30),
    ]:
        service_scorecard.register_default(Column(key=key, title=title, order=order))


@dataclass
class Row:
    name: str
    url: str
    cells: dict[str, Cell]
    unmet: list[str] = field(default_factory=list)
    line: list[Cell] = field(default_factory=list)  # the cells in column order


@dataclass
class Table:
    columns: list[tuple[str, Any, bool]]  # key, title, available
    rows: list[Row]

    def __post_init__(self) -> None:
        for row in self.rows:
            row.line = [row.cells[key] for key, _title, _available in self.columns]


def _pct(part: int, whole: int) -> Cell:
    if not whole:
        return Cell(text="–", sort=None)
    share = 100 * part / whole
    return Cell(text=f"{share:.0f}%", sort=share)


@dataclass(frozen=True)
class Scope:
    """The items a scorecard reads: those received in `year` by the `agencies` (OPDs)."""

    agencies: list[Agency]
    year: int

    def items(self) -> Any:
        tz = timezone.get_default_timezone()
        start = datetime(self.year, 1, 1, tzinfo=tz)
        end = datetime(self.year + 1, 1, 1, tzinfo=tz)
        return Complaint.objects.filter(
            opd__in=[a.pk for a in self.agencies], received_at__gte=start, received_at__lt=end
        )

    def figures(self, dimension: str, group: str) -> dict[Any, dict[str, int]]:
        """Volume, finished, finished without a breach and breached, per `group` ("opd" or
        "value" of the dimension): from the tally the database keeps (complaints.tally),
        twelve months of summary rows instead of every item of the year."""
        if tally.kept():
            rows = tally.counts(
                dimension,
                group=(group,),
                months=(date(self.year, 1, 1), date(self.year, 12, 1)),
                opds=[a.pk for a in self.agencies],
            )
        else:
            rows = tally.live_counts(self.items(), dimension, group=(group,))
        return {
            row[group]: {
                "n": row["received"],
                "done": row["received"] - row["unresolved"],
                "done_on_time": row["done_on_time"],
                "breaches": row["late"],
            }
            for row in rows
        }


def _complaint_cells(fig: dict[str, int] | None) -> dict[str, Cell]:
    fig = fig or {"n": 0, "done": 0, "done_on_time": 0, "breaches": 0}
    return {
        "volume": Cell(text=str(fig["n"]), sort=fig["n"]),
        "tepat": _pct(fig["done_on_time"], fig["done"]),
        "breaches": Cell(
            text=str(fig["breaches"]), sort=fig["breaches"], unmet=fig["breaches"] > 0
        ),
    }


def _registry_cells(columns: list[Column], objs: list[Any]) -> dict[str, dict[int, Cell]]:
    missing = Cell(text=_("belum tersedia"), sort=None)
    out: dict[str, dict[int, Cell]] = {}
    for column in columns:
        if column.values is None:
            out[column.key] = {o.pk: missing for o in objs}
        else:
            out[column.key] = column.values(objs)
    return out


def _sort(rows: list[Row], key: str) -> list[Row]:
    desc = key.startswith("-")
    key = key.lstrip("-")
    if key == "nama":
        return sorted(rows, key=lambda r: r.name.lower(), reverse=desc)
    present = [r for r in rows if r.cells.get(key) and r.cells[key].sort is not None]
    absent = [r for r in rows if r not in present]
    present.sort(key=lambda r: (r.cells[key].sort, r.name.lower()), reverse=desc)
    return present + sorted(absent, key=lambda r: r.name.lower())


def agency_table(scope: Scope, *, sort: str) -> Table:
    agencies = scope.agencies
    figures = scope.figures(TallyDimension.ALL, "opd")
    late = dict(
        RekapObligation.objects.filter(agency__in=[a.pk for a in agencies])
        .order_by()
        .values("agency_id")
        .annotate(
            n=Count(
                "pk",
                filter=Q(is_late=True) | Q(submitted_at__isnull=True, due_at__lt=timezone.now()),
            )
        )
        .values_list("agency_id", "n")
    )
    extra = agency_scorecard.columns()
    extra_cells = _registry_cells(extra, agencies)
    rows = []
    for a in agencies:
        cells = _complaint_cells(figures.get(a.pk))
        n_late = late.get(a.pk, 0)
        cells["rekap"] = Cell(
            text=_("tepat waktu") if not n_late else _("%(n)s bulan terlambat") % {"n": n_late},
            sort=n_late,
            unmet=bool(n_late),
        )
        for column in extra:
            cells[column.key] = extra_cells[column.key].get(a.pk, Cell(text="–"))
        unmet = []
        if cells["breaches"].unmet:
            unmet.append(_("penyelesaian tepat waktu"))
        if cells["rekap"].unmet:
            unmet.append(_("rekapitulasi bulanan"))
        unmet += [str(c.obligation) for c in extra if cells[c.key].unmet and c.obligation]
        rows.append(Row(name=a.name, url=a.get_absolute_url(), cells=cells, unmet=unmet))
    columns = [
        ("volume", _("Pengaduan"), True),
        ("tepat", _("Selesai tepat waktu"), True),
        ("breaches", _("Melewati batas waktu"), True),
        ("rekap", _("Rekap tepat waktu"), True),
    ] + [(c.key, c.title, c.available) for c in extra]
    return Table(columns=columns, rows=_sort(rows, sort))


def service_table(scope: Scope) -> Table:
    agencies = scope.agencies
    services = list(
        Service.objects.filter(agency__in=[a.pk for a in agencies], is_active=True)
        .select_related("agency")
        .order_by("agency__name", "name")
    )
    figures = scope.figures(TallyDimension.SERVICE, "value")
    extra = service_scorecard.columns()
    extra_cells = _registry_cells(extra, services)
    rows = []
    for s in services:
        cells = _complaint_cells(figures.get(str(s.pk)))
        for column in extra:
            cells[column.key] = extra_cells[column.key].get(s.pk, Cell(text="–"))
        rows.append(
            Row(name=f"{s.name} · {s.agency.display_name}", url=s.get_absolute_url(), cells=cells)
        )
    columns = [
        ("volume", _("Pengaduan"), True),
        ("tepat", _("Selesai tepat waktu"), True),
        ("breaches", _("Melewati batas waktu"), True),
    ] + [(c.key, c.title, c.available) for c in extra]
    return Table(columns=columns, rows=rows)


# ---------------------------------------------------------------------------------------------
# Quality tools (003:Pasal 21)


@dataclass(frozen=True)
class Bar:
    label: str
    n: int
    x: float
    y: float
    width: float
    height: float
    cumulative: float  # percent, Pareto only
    cy: float  # y of the cumulative point


CHART_W, CHART_H, PAD = 640, 240, 30


def _bars(data: list[tuple[str, int]], *, cumulative: bool) -> dict[str, Any]:
    total = sum(n for _label, n in data) or 1
    top = max((n for _label, n in data), default=0) or 1
    slot = (CHART_W - 2 * PAD) / max(len(data), 1)
    bars, running = [], 0
    for i, (label, n) in enumerate(data):
        running += n
        height = (CHART_H - 2 * PAD) * n / top
        cum = 100 * running / total
        bars.append(
            Bar(
                label=label,
                n=n,
                x=PAD + i * slot + slot * 0.1,
                y=CHART_H - PAD - height,
                width=slot * 0.8,
                height=height,
                cumulative=round(cum, 1),
                cy=CHART_H - PAD - (CHART_H - 2 * PAD) * cum / 100,
            )
        )
    points = " ".join(f"{b.x + b.width / 2:.1f},{b.cy:.1f}" for b in bars) if cumulative else ""
    return {
        "bars": bars,
        "points": points,
        "w": CHART_W,
        "h": CHART_H,
        "base": CHART_H - PAD,
        "pad": PAD,
        "top": top,
        "total": sum(n for _label, n in data),
    }


def pareto(scope: Scope) -> dict[str, Any]:
    figures = scope.figures(TallyDimension.CATEGORY, "value")
    names = dict(Category.objects.values_list("pk", "name"))  # a short table, one query
    data = sorted(
        ((names.get(int(v), "") if v else "", fig["n"]) for v, fig in figures.items()),
        key=lambda pair: (-pair[1], pair[0] == "", pair[0]),
    )
    return _bars([(name or _("Tanpa kategori"), n) for name, n in data], cumulative=True)


def histogram(scope: Scope, instansi: Agency | None) -> dict[str, Any]:
    """Working days from receipt to the final response. Counted per pair of days in SQL (a
    year has a few thousand such pairs, whatever the number of items), then each pair's
    working days once from the calendar."""
    cal = calendar_for(instansi)
    tz = timezone.get_default_timezone()
    counts = [0] * len(BUCKETS)
    pairs = (
        scope.items()
        .filter(responded_at__isnull=False)
        .order_by()
        .values_list(TruncDate("received_at", tzinfo=tz), TruncDate("responded_at", tzinfo=tz))
        # Counting a column of the index complaint_responded_times: an index-only scan.
        .annotate(n=Count("received_at"))
    )
    for start, end, n in pairs:
        days = cal.count(start, end) if end > start else 0
        for i, (upper, _label) in enumerate(BUCKETS):
            if upper is None or days <= upper:
                counts[i] += n
                break
    return _bars([(label, counts[i]) for i, (_u, label) in enumerate(BUCKETS)], cumulative=False)


def stratification(scope: Scope) -> list[tuple[str, list[dict[str, Any]]]]:
    names = {a.pk: a.name for a in scope.agencies}
    channels = dict(Channel.choices)
    kinds = dict(Kind.choices)

    def table(dimension: str, group: str, labels: dict[Any, Any]) -> list[dict[str, Any]]:
        rows = [
            {
                "label": str(labels.get(key, _("Belum didisposisikan ke OPD"))),
                "n": fig["n"],
                "breaches": fig["breaches"],
                "open": fig["n"] - fig["done"],
            }
            for key, fig in scope.figures(dimension, group).items()
        ]
        return sorted(rows, key=lambda r: (-r["n"], r["label"]))

    return [
        (_("Menurut OPD"), table(TallyDimension.ALL, "opd", names)),
        (_("Menurut kanal"), table(TallyDimension.CHANNEL, "value", channels)),
        (_("Menurut jenis"), table(TallyDimension.KIND, "value", kinds)),
    ]
