"""The rows and the two files of a Rekapitulasi Hasil Penanganan Pengaduan (001:Lampiran I).

An item belongs to an agency's month when it reached that OPD (or Perusahaan Daerah) in the
month: `penghubung_received_at`, which is also the TANGGAL TERIMA printed. The reporter is
printed only for public items; anonymous ones read "Anonim" and confidential ones
"Dirahasiakan" in every format (SPEC C3, C17), because both files come from the same rows.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from complaints.models import Complaint, Event, Privacy, Status, breach_recorded
from reports.models import MONTHS, month_bounds
from standards.models import Agency

COLUMNS = (
    "NO",
    "REGISTER",
    "TANGGAL TERIMA",
    "DATA PELAPOR",
    "URAIAN PENGADUAN",
    "PETUGAS PENERIMA",
    "HASIL PENANGANAN",
    "KET",
)


@dataclass(frozen=True)
class RekapRow:
    no: int
    register: str
    received_on: date
    reporter: str
    description: str
    receiver: str
    result: str
    note: str


@dataclass(frozen=True)
class RekapDocument:
    agency: Agency
    year: int
    month: int
    rows: list[RekapRow]
    head_name: str
    place: str
    signed_on: date

    @property
    def title(self) -> str:
        return _("REKAPITULASI HASIL PENANGANAN PENGADUAN BULAN %(month)s TAHUN %(year)s") % {
            "month": str(MONTHS[self.month - 1]).upper(),
            "year": self.year,
        }

    @property
    def agency_line(self) -> str:
        return self.agency.name.upper()


def reporter_label(complaint: Complaint) -> str:
    """What DATA PELAPOR shows: never the identity of an anonymous or confidential reporter."""
    if complaint.privacy == Privacy.ANONIM:
        return _("Anonim")
    if complaint.privacy == Privacy.RAHASIA:
        return _("Dirahasiakan")
    name = complaint.reporter_name or (
        complaint.reporter.full_name if complaint.reporter_id else ""
    )
    contact = complaint.reporter_phone or complaint.reporter_email
    if not contact and complaint.reporter_id:
        contact = complaint.reporter.mobile or complaint.reporter.email
    return ", ".join(part for part in (name, contact) if part) or "-"


def _result(complaint: Complaint) -> str:
    if complaint.response:
        return complaint.response
    if complaint.status == Status.DITOLAK:
        return _("Ditolak: %(reason)s") % {"reason": complaint.get_decline_reason_display()}
    return _("Dalam proses (%(status)s)") % {"status": complaint.get_status_display()}


def _note(complaint: Complaint, breached: bool) -> str:
    parts = [str(complaint.get_status_display())]
    if breached:
        parts.append(_("melewati batas waktu"))
    return "; ".join(parts)


def rekap_rows(agency: Agency, year: int, month: int) -> list[RekapRow]:
    """The rows of the month in order of arrival, in two queries whatever their number."""
    start, end = month_bounds(year, month)
    items = list(
        Complaint.objects.filter(
            opd=agency, penghubung_received_at__gte=start, penghubung_received_at__lt=end
        )
        .select_related("reporter")
        .annotate(breached=breach_recorded())
        .order_by("penghubung_received_at", "pk")
    )
    ids = [c.pk for c in items]
    receivers: dict[int, str] = {}
    # The first official of this agency (or its units) who acted on the item received it.
    for complaint_id, name in (
        Event.objects.filter(
            complaint_id__in=ids,
            actor__isnull=False,
            by_reporter=False,
            actor_agency__path__startswith=agency.path,
        )
        .order_by("complaint_id", "created_at", "pk")
        .values_list("complaint_id", "actor__full_name")
    ):
        receivers.setdefault(complaint_id, name)
    tz = timezone.get_default_timezone()
    return [
        RekapRow(
            no=n,
            register=c.code,
            received_on=timezone.localtime(c.penghubung_received_at, tz).date(),
            reporter=reporter_label(c),
            description=f"{c.title}. {c.description}" if c.title else c.description,
            receiver=receivers.get(c.pk, "-"),
            result=_result(c),
            note=_note(c, c.breached),
        )
        for n, c in enumerate(items, start=1)
    ]


def head_of(agency: Agency) -> str:
    """The Kepala/Direktur's name for the signature block ("" when none is recorded)."""
    m = (
        Membership.objects.active()
        .filter(agency=agency, role=Role.KEPALA)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return m.user.full_name if m else ""


def build_document(agency: Agency, year: int, month: int, *, today: date) -> RekapDocument:
    with translation.override(settings.LANGUAGE_CODE):
        rows = rekap_rows(agency, year, month)
    return RekapDocument(
        agency=agency,
        year=year,
        month=month,
        rows=rows,
        head_name=head_of(agency),
        place=settings.REPORT_PLACE,
        signed_on=today,
    )


# Share of the printable width per column, in the order of COLUMNS (they add up to 1).
_PDF_WIDTHS = (0.05, 0.10, 0.09, 0.13, 0.23, 0.12, 0.18, 0.10)


def _cell(text: str) -> str:
    """Plain text as Paragraph markup: nothing in it is read as a tag; newlines kept."""
    return escape(text).replace("\n", "<br/>")


_DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans{}.ttf"


def _pdf_fonts() -> tuple[str, str, str]:
    """Regular, bold and oblique faces: DejaVu Sans (embedded, covering names in any script
    the reporters type) when the system has it, else the PDF's built-in Helvetica."""
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    faces = {"LpSans": "", "LpSans-Bold": "-Bold", "LpSans-Oblique": "-Oblique"}
    if not all(Path(_DEJAVU.format(suffix)).exists() for suffix in faces.values()):
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, suffix in faces.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, _DEJAVU.format(suffix)))
    return "LpSans", "LpSans-Bold", "LpSans-Oblique"


def render_pdf(doc: RekapDocument) -> bytes:
    """A4 landscape; the table header repeats on every page; "Halaman n dari m" below.

    ReportLab's platypus places the rows itself: a 2,000-row month takes seconds, where laying
    out the same table as HTML (WeasyPrint) took about 20 s."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer

    with translation.override(settings.LANGUAGE_CODE):
        title = doc.title
        page_label, of_label = _("Halaman"), _("dari")
        empty_text = _("Tidak ada pengaduan yang diterima pada bulan ini.")
        head_title = _("KEPALA/DIREKTUR")
        signed_on = date_format(doc.signed_on, "j F Y")

    regular, bold, oblique = _pdf_fonts()
    page_size = landscape(A4)
    margins = {"leftMargin": 12 * mm, "rightMargin": 12 * mm}
    width = page_size[0] - 24 * mm

    class NumberedCanvas(Canvas):
        """Keeps each page until the last is known, then writes "Halaman n dari m"."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(regular, 8)
                self.drawCentredString(
                    page_size[0] / 2, 8 * mm, f"{page_label} {n} {of_label} {total}"
                )
                super().showPage()
            super().save()

    base = ParagraphStyle("rekap", fontName=regular, fontSize=7.5, leading=9)
    h1 = ParagraphStyle("h1", base, fontName=bold, fontSize=11, leading=14)
    h1.alignment = TA_CENTER
    h2 = ParagraphStyle("h2", h1, fontSize=10, leading=12, spaceBefore=2 * mm)
    h2.spaceAfter = 5 * mm
    empty = ParagraphStyle("empty", base, fontName=oblique, alignment=TA_CENTER)
    sign = ParagraphStyle("sign", base, fontSize=8, leading=10, alignment=TA_CENTER)
    sign.leftIndent = width * 0.65

    widths = [width * share for share in _PDF_WIDTHS]
    padding = 3

    def cell(text: str, column: int) -> str | Paragraph:
        # A line that fits is drawn as it is; anything longer is a Paragraph, which wraps
        # (long words too) and is never cut. Wrapping only what needs it saves most of the time.
        fits = stringWidth(text, base.fontName, base.fontSize) <= widths[column] - 2 * padding
        return text if fits and "\n" not in text else Paragraph(_cell(text), base)

    data: list[list] = [list(COLUMNS)]
    for row in doc.rows:
        data.append(
            [
                str(row.no),
                cell(row.register, 1),
                row.received_on.strftime("%d/%m/%Y"),
                cell(row.reporter, 3),
                cell(row.description, 4),
                cell(row.receiver, 5),
                cell(row.result, 6),
                cell(row.note, 7),
            ]
        )
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), regular, 7.5, 9),
        ("FONT", (0, 0), (-1, 0), bold, 7, 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    if not doc.rows:
        data.append([Paragraph(_cell(empty_text), empty)] + [""] * (len(COLUMNS) - 1))
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = LongTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        style=style,
    )
    story = [
        Paragraph(_cell(title), h1),
        Paragraph(_cell(doc.agency_line), h2),
        table,
        KeepTogether(
            [
                Spacer(0, 8 * mm),
                Paragraph(_cell(f"{doc.place}, {signed_on}"), sign),
                Spacer(0, 2 * mm),
                Paragraph(_cell(head_title), sign),
                Spacer(0, 18 * mm),
                Paragraph(_cell(f"({doc.head_name or '.....'})"), sign),
            ]
        ),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=page_size,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="",
        creator="",
        subject="",
        **margins,
    ).build(story, canvasmaker=NumberedCanvas)
    return out.getvalue()


def render_xlsx(doc: RekapDocument) -> bytes:
    """The same rows as the PDF, one worksheet, ready to print on A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    with translation.override(settings.LANGUAGE_CODE):
        wb = Workbook()
        ws = wb.active
        ws.title = f"{doc.year}-{doc.month:02d}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.append([doc.title])
        ws.append([doc.agency_line])
        ws.append([])
        for cell in ws[1] + ws[2]:
            cell.font = Font(bold=True)
        ws.append(list(COLUMNS))
        header_row = ws.max_row
        thin = Side(style="thin")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.border = box
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        wrap = Alignment(vertical="top", wrap_text=True)
        # Rows and columns are counted here: ws.max_row and ws[n] scan every cell, each time.
        for n, row in enumerate(doc.rows, start=header_row + 1):
            ws.append(
                [
                    row.no,
                    row.register,
                    row.received_on,
                    row.reporter,
                    row.description,
                    row.receiver,
                    row.result,
                    row.note,
                ]
            )
            for column in range(1, len(COLUMNS) + 1):
                cell = ws.cell(row=n, column=column)
                cell.alignment = wrap
                cell.border = box
            ws.cell(row=n, column=3).number_format = "DD/MM/YYYY"
        ws.print_title_rows = f"{header_row}:{header_row}"
        for i, width in enumerate((6, 16, 14, 24, 60, 22, 50, 24), start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.append([])
        ws.append(["", "", "", "", "", "", f"{doc.place}, {_format_day(doc.signed_on)}"])
        ws.append(["", "", "", "", "", "", _("KEPALA/DIREKTUR")])
        ws.append([])
        ws.append([])
        ws.append(["", "", "", "", "", "", f"({doc.head_name or '.....'})"])
        out = io.BytesIO()
        wb.save(out)
    return out.getvalue()


def _format_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
