"""The monthly Rekapitulasi (SPEC C17; 001:Pasal 9, Lampiran I): rows, PDF and XLSX."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from complaints.models import Privacy
from reports import rekap, services
from reports.models import Rekap
from tests.personas import ReportWorld, local

pytestmark = pytest.mark.django_db

COLUMNS = [
    "NO",
    "REGISTER",
    "TANGGAL TERIMA",
    "DATA PELAPOR",
    "URAIAN PENGADUAN",
    "PETUGAS PENERIMA",
    "HASIL PENANGANAN",
    "KET",
]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "rekap.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def xlsx_rows(data: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(data)).active
    return [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]


@pytest.fixture
def november(world: ReportWorld) -> dict:
    items = {
        "publik": world.item(at=local(2026, 11, 3, 9), response="Lampu sudah diganti."),
        "rahasia": world.item(
            at=local(2026, 11, 10, 10),
            privacy=Privacy.RAHASIA,
            reporter_name="Rahasiawati Terlindung",
            breached=True,
        ),
        "anonim": world.item(
            at=local(2026, 11, 20, 11),
            privacy=Privacy.ANONIM,
            reporter_name="Anonimus Tersembunyi",
        ),
    }
    # Not in the dinas's November: another month, another agency.
    world.item(at=local(2026, 10, 31, 23), title="Bulan lalu")
    world.item(opd=world.pdam, at=local(2026, 11, 5, 9), title="Air keruh")
    return items


def test_rows_are_the_items_that_reached_the_agency_in_the_month(world, november):
    """SPEC C17: one row per item received by the OPD in the month, in order of arrival."""
    rows = rekap.rekap_rows(world.dinas, 2026, 11)
    assert [r.register for r in rows] == [
        november["publik"].code,
        november["rahasia"].code,
        november["anonim"].code,
    ]
    assert [r.no for r in rows] == [1, 2, 3]
    assert rows[0].reporter.startswith("Budi Santoso Pelapor")
    assert rows[0].receiver == "Rina Penghubung DPU"
    assert rows[0].result == "Lampu sudah diganti."
    assert rows[1].reporter == "Dirahasiakan"
    assert "melewati batas waktu" in rows[1].note
    assert rows[2].reporter == "Anonim"


def test_pdf_and_xlsx_show_the_same_rows_in_the_shape_of_lampiran_i(world, november, tmp_path):
    """SPEC C17 (001:Lampiran I): title with month, year and agency; the eight columns; the
    Kepala's signature block with place and date; the same rows in the PDF and the XLSX."""
    built = services.rekap_build(
        user=world.users["sekretariat"],
        agency=world.dinas,
        year=2026,
        month=11,
        now=local(2026, 12, 1, 8),
    )
    text = pdf_text(bytes(built.pdf), tmp_path)
    assert "REKAPITULASI HASIL PENANGANAN PENGADUAN BULAN NOVEMBER TAHUN 2026" in text
    assert "DINAS PEKERJAAN UMUM" in text
    for column in ["NO", "REGISTER", "DATA PELAPOR", "PETUGAS PENERIMA", "KET"]:
        assert column in text
    for item in november.values():
        assert item.code in text
    assert "KEPALA/DIREKTUR" in text
    assert "Ir. Hendra Kepala DPU" in text
    assert "Pelaihari, 1 Desember 2026" in text
    assert "Halaman 1 dari 1" in text

    rows = xlsx_rows(bytes(built.xlsx))
    assert rows[0][0] == "REKAPITULASI HASIL PENANGANAN PENGADUAN BULAN NOVEMBER TAHUN 2026"
    header = rows.index(tuple(COLUMNS))
    data = [r for r in rows[header + 1 :] if isinstance(r[0], int)]
    assert [r[1] for r in data] == [i.code for i in november.values()]
    assert [r[3] for r in data][1:] == ["Dirahasiakan", "Anonim"]
    assert data[0][5] == "Rina Penghubung DPU"
    assert built.row_count == 3
    assert built.pdf_sha256 == rekap.sha256(bytes(built.pdf))
    assert built.xlsx_sha256 == rekap.sha256(bytes(built.xlsx))


def test_anonymous_and_confidential_reporters_appear_in_no_format(world, november, tmp_path):
    """SPEC C3, C17: "Anonim" and "Dirahasiakan", never the reporter's name or contact."""
    built = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    text = pdf_text(bytes(built.pdf), tmp_path)
    cells = " ".join(str(c) for row in xlsx_rows(bytes(built.xlsx)) for c in row if c)
    for output in (text, cells):
        assert "Anonim" in output
        assert "Dirahasiakan" in output
        assert "Rahasiawati" not in output
        assert "Anonimus" not in output
        assert "pelapor.rahasia@example.net" not in output.replace(
            "Budi Santoso Pelapor, 081299887766", ""
        )


def test_long_months_repeat_the_header_number_pages_and_wrap_long_text(world, tmp_path):
    """SPEC C17: A4 landscape over several pages: the header on each, "Halaman 2 dari N",
    and a long description printed to its last word."""
    long_text = " ".join(["Jalan berlubang di sepanjang ruas kabupaten"] * 12) + " AKHIRURAIAN"
    for day in range(1, 29):
        world.item(at=local(2026, 2, day, 9), description=long_text)
    built = services.rekap_build(user=None, agency=world.dinas, year=2026, month=2)
    text = pdf_text(bytes(built.pdf), tmp_path)
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    assert f"Halaman 2 dari {len(pages)}" in text
    for page in pages:
        if "LP-" in page:
            assert "URAIAN PENGADUAN" in page
    assert text.count("AKHIRURAIAN") == 28


def test_text_in_any_script_and_markup_prints_as_typed(world, tmp_path):
    """SPEC C17: the PDF embeds a font that prints what reporters type (accents, other
    scripts) and prints markup literally, never as formatting."""
    world.item(
        at=local(2026, 3, 2, 9),
        title="Šarifuddin <b>tebal</b> & Ñoño",
        description="Dédé menulis <script>x</script> & ΑΒΓ",
    )
    built = services.rekap_build(user=None, agency=world.dinas, year=2026, month=3)
    text = pdf_text(bytes(built.pdf), tmp_path)
    assert "<script>x</script>" in text and "ΑΒΓ" in text and "Dédé" in text


def test_every_build_is_a_new_version(world, november):
    """SPEC C17: files are versioned; an earlier version is never rewritten."""
    first = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    world.item(at=local(2026, 11, 25, 9), title="Datang belakangan")
    second = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert first.row_count == 3
    assert second.row_count == 4
    assert Rekap.objects.filter(agency=world.dinas).latest_per_month().get() == second
