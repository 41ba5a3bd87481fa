"""Import of services from XLSX: checked in full, per-row errors, all or nothing; the optional
standard columns give each row a draft standard checked by the edit form (SPEC S1, S3)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import Role
from standards.imports import (
    COLUMNS,
    HEADERS,
    STANDARD_COLUMNS,
    read_services,
    template_workbook,
)
from standards.models import Service
from standards.models_standard import ServiceStandard, StandardStatus
from tests.factories import PASSWORD, AgencyFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list[object]], header: list[str] | None = None) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(header or [HEADERS[c] for c in COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("layanan.xlsx", out.getvalue())


@pytest.fixture
def opd_and_client() -> tuple:
    opd = AgencyFactory.opd()
    user = UserFactory.official(agency=opd, role=Role.PENGHUBUNG)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return opd, client


def _post(client: Client, opd: object, upload: SimpleUploadedFile) -> object:
    return client.post(reverse("standards:service_import"), {"agency": opd.pk, "file": upload})


def test_a_good_file_creates_every_service(opd_and_client: tuple) -> None:
    """SPEC S1: an OPD's 80 services come in one file (the four service columns only)."""
    opd, client = opd_and_client
    rows = [[f"DKC-{i}", f"Layanan nomor {i}", "administratif", ""] for i in range(80)]
    response = _post(client, opd, _xlsx(rows))
    assert response.status_code == 302
    assert Service.objects.filter(agency=opd).count() == 80


def test_the_template_downloads_and_imports_as_is(opd_and_client: tuple) -> None:
    """SPEC S1, S3: the template's example row imports as a service with a draft standard."""
    opd, client = opd_and_client
    response = client.get(reverse("standards:import_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.active["A1"].value == "Kode layanan"
    assert [c.value for c in workbook.active[1]][-1] == HEADERS["pengaduan"]
    assert workbook.sheetnames == ["Layanan", "Petunjuk"]
    upload = SimpleUploadedFile("t.xlsx", template_workbook())
    assert _post(client, opd, upload).status_code == 302
    service = Service.objects.get(agency=opd)
    assert service.code == "DKC-KTP"
    draft = service.standards.get()
    assert draft.status == StandardStatus.RANCANGAN and draft.is_free
    assert draft.requirements.count() == 2 and draft.channels.count() == 2


def test_one_bad_row_imports_nothing_and_names_row_and_column(opd_and_client: tuple) -> None:
    """SPEC S1: all or nothing, each error with its row and column."""
    opd, client = opd_and_client
    ServiceFactory(code="TAKEN-1")
    rows = [
        ["OK-1", "Layanan baik", "jasa", ""],
        ["", "Tanpa kode", "jasa", ""],
        ["OK-3", "Jenis salah", "angka 12", ""],
        ["TAKEN-1", "Kode terpakai", "barang", ""],
        ["OK-1", "Kode kembar", "barang", ""],
    ]
    response = _post(client, opd, _xlsx(rows))
    assert response.status_code == 400
    errors = response.context["errors"]
    assert any(e.startswith("Baris 3, kolom “Kode layanan”: wajib diisi") for e in errors)
    assert any(e.startswith("Baris 4, kolom “Jenis") for e in errors)
    assert any("Baris 5" in e and "sudah dipakai" in e for e in errors)
    assert any("Baris 6" in e and "sama dengan baris 2" in e for e in errors)
    assert not Service.objects.filter(agency=opd).exists()


def test_wrong_columns_are_refused(opd_and_client: tuple) -> None:
    """SPEC S1: a file that is not the template's columns is refused on row 1."""
    opd, _client = opd_and_client
    result = read_services(_xlsx([["A", "B", "jasa", ""]], header=["nama", "kode"]), agency=opd)
    assert result.errors and result.errors[0].startswith("Baris 1")


@pytest.mark.parametrize(
    "payload",
    [
        b"\x00junk" * (1024 * 1024),  # 5 MB of junk
        b"PK\x03\x04 not really a zip",
        b"%PDF-1.4 a pdf",
    ],
)
def test_junk_files_are_refused_with_a_message(opd_and_client: tuple, payload: bytes) -> None:
    """SPEC S1: junk (5 MB of it, a fake zip, a PDF) is refused with a message, not a 500."""
    opd, client = opd_and_client
    response = _post(client, opd, SimpleUploadedFile("layanan.xlsx", payload))
    assert response.status_code == 400 and response.context["errors"]
    assert not Service.objects.filter(agency=opd).exists()


def test_a_macro_workbook_is_refused(opd_and_client: tuple) -> None:
    """SPEC S1: a macro-enabled workbook is refused before it is read."""
    opd, client = opd_and_client
    good = _xlsx([["M-1", "Makro", "jasa", ""]]).read()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    response = _post(client, opd, SimpleUploadedFile("layanan.xlsm", out.getvalue()))
    assert "makro" in " ".join(response.context["errors"])
    assert not Service.objects.filter(agency=opd).exists()


def test_an_officer_cannot_import_into_another_agency(opd_and_client: tuple) -> None:
    _opd, client = opd_and_client
    other = AgencyFactory.opd()
    response = _post(client, other, _xlsx([["X-1", "Layanan", "jasa", ""]]))
    assert response.status_code == 400
    assert not Service.objects.filter(agency=other).exists()


FULL = [HEADERS[c] for c in (*COLUMNS, *STANDARD_COLUMNS)]


def _row(code: str, **standard: object) -> list[object]:
    return [code, f"Layanan {code}", "administratif", ""] + [
        standard.get(c, "") for c in STANDARD_COLUMNS
    ]


def test_standard_columns_give_each_filled_row_a_draft_standard(opd_and_client: tuple) -> None:
    """SPEC S1, S3: produk, persyaratan, prosedur, jangka waktu, biaya and pengaduan in the
    edit form's format make a draft (rancangan) per row; a row without them gets none."""
    opd, client = opd_and_client
    rows = [
        _row(
            "IZN-1",
            produk="Izin usaha mikro",
            persyaratan="KTP | fotokopi | 2\nFormulir permohonan",
            prosedur="Mengisi formulir\nVerifikasi berkas | Petugas teknis",
            jangka_waktu=3,
            satuan_waktu="hari kerja",
            biaya=25000,
            dasar_hukum_tarif="Perda Retribusi 5/2020",
            pengaduan="SP4N-LAPOR! | lapor.go.id",
        ),
        _row(
            "IZN-2", produk="Surat keterangan", biaya="Gratis", satuan_waktu="jam", jangka_waktu="4"
        ),
        _row("IZN-3"),
    ]
    response = _post(client, opd, _xlsx(rows, header=FULL))
    assert response.status_code == 302
    assert Service.objects.filter(agency=opd).count() == 3
    first = ServiceStandard.objects.get(service__code="IZN-1")
    assert first.status == StandardStatus.RANCANGAN and first.version == 1
    assert (first.duration_value, first.duration_unit) == (3, "hari_kerja")
    assert (first.fee_amount, first.is_free) == (25000, False)
    assert first.fee_legal_basis == "Perda Retribusi 5/2020"
    assert [(r.item, r.form, r.copies) for r in first.requirements.all()] == [
        ("KTP", "fotokopi", 2),
        ("Formulir permohonan", "asli", 1),
    ]
    assert [(s.description, s.actor) for s in first.steps.all()] == [
        ("Mengisi formulir", ""),
        ("Verifikasi berkas", "Petugas teknis"),
    ]
    assert [(c.channel, c.contact) for c in first.channels.all()] == [
        ("SP4N-LAPOR!", "lapor.go.id")
    ]
    second = ServiceStandard.objects.get(service__code="IZN-2")
    assert second.is_free and second.fee_amount is None and second.duration_unit == "jam"
    assert not ServiceStandard.objects.filter(service__code="IZN-3").exists()


def test_bad_numbers_and_units_in_standard_columns_import_nothing(opd_and_client: tuple) -> None:
    """SPEC S1, S3: jangka waktu "tiga", a negative fee, a unit not in the list, a bad
    persyaratan line: each named by row and column, and neither services nor drafts made."""
    opd, client = opd_and_client
    rows = [
        _row("BAD-1", jangka_waktu="tiga", satuan_waktu="hari kerja"),
        _row("BAD-2", biaya=-5000),
        _row("BAD-3", jangka_waktu=2, satuan_waktu="minggu"),
        _row("BAD-4", persyaratan="KTP | salinan ajaib"),
        _row("GOOD-5", produk="Baik"),
    ]
    response = _post(client, opd, _xlsx(rows, header=FULL))
    assert response.status_code == 400
    errors = response.context["errors"]
    assert any(e.startswith("Baris 2, kolom “Jangka waktu”:") for e in errors), errors
    assert any(e.startswith("Baris 3, kolom “Biaya (Rp atau gratis)”:") for e in errors), errors
    assert any(e.startswith("Baris 4, kolom “Satuan waktu”:") for e in errors), errors
    assert any(e.startswith("Baris 5, kolom “Persyaratan”:") for e in errors), errors
    assert not any("Baris 6" in e for e in errors)
    assert not Service.objects.filter(agency=opd).exists()
    assert not ServiceStandard.objects.exists()


def test_a_header_with_standard_columns_out_of_order_is_refused(opd_and_client: tuple) -> None:
    """SPEC S1: optional columns follow the template's order, so no cell lands elsewhere."""
    opd, _client = opd_and_client
    header = [*FULL[:4], HEADERS["biaya"], HEADERS["produk"]]
    result = read_services(
        _xlsx([["A-1", "A", "jasa", "", "gratis", "x"]], header=header), agency=opd
    )
    assert result.errors and result.errors[0].startswith("Baris 1")


def test_the_edit_form_refuses_a_negative_fee_with_a_message_like_the_import() -> None:
    """SPEC S1: one rule for the form and the import; the database's own check never fires."""
    from standards.forms import StandardForm

    form = StandardForm(data={"fee_amount": "-5000", "produk": "x"})
    assert not form.is_valid() and "fee_amount" in form.errors
