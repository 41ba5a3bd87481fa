"""Import of services from XLSX: checked in full, per-row errors, all or nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import Role
from standards.imports import COLUMNS, HEADERS, read_services, template_workbook
from standards.models import Service
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
    opd, client = opd_and_client
    rows = [[f"DKC-{i}", f"Layanan nomor {i}", "administratif", ""] for i in range(80)]
    response = _post(client, opd, _xlsx(rows))
    assert response.status_code == 302
    assert Service.objects.filter(agency=opd).count() == 80


def test_the_template_downloads_and_imports_as_is(opd_and_client: tuple) -> None:
    opd, client = opd_and_client
    response = client.get(reverse("standards:import_template"))
    assert load_workbook(io.BytesIO(response.content)).active["A1"].value == "Kode layanan"
    upload = SimpleUploadedFile("t.xlsx", template_workbook())
    assert _post(client, opd, upload).status_code == 302
    assert Service.objects.get(agency=opd).code == "DKC-KTP"


def test_one_bad_row_imports_nothing_and_names_row_and_column(opd_and_client: tuple) -> None:
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
    opd, client = opd_and_client
    response = _post(client, opd, SimpleUploadedFile("layanan.xlsx", payload))
    assert response.status_code == 400 and response.context["errors"]
    assert not Service.objects.filter(agency=opd).exists()


def test_a_macro_workbook_is_refused(opd_and_client: tuple) -> None:
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
