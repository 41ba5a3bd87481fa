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

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from complaints.models import AlertKind, Complaint, DeadlineAlert, Event, Privacy, Status
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
    """The rows of the month in order of arrival, in three queries whatever their number."""
    start, end = month_bounds(year, month)
    items = list(
        Complaint.objects.filter(
            opd=agency, penghubung_received_at__gte=start, penghubung_received_at__lt=end
        )
        .select_related("reporter")
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
    breached = set(
        DeadlineAlert.objects.filter(complaint_id__in=ids, kind=AlertKind.BREACH).values_list(
            "complaint_id", flat=True
        )
    )
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
            note=_note(c, c.pk in breached),
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


def render_pdf(doc: RekapDocument) -> bytes:
    """A4 landscape; the table header repeats on every page; "Halaman n dari m" below."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("reports/pdf/rekap.html", {"doc": doc, "columns": COLUMNS})
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


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
        for row in doc.rows:
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
            for cell in ws[ws.max_row]:
                cell.alignment = wrap
                cell.border = box
            ws.cell(row=ws.max_row, column=3).number_format = "DD/MM/YYYY"
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
